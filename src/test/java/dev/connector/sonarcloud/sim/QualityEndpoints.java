package dev.connector.sonarcloud.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue and hotspot triage beyond the basics, batch measures, quality profiles, rules and webhook management. Shapes
 * follow SonarSource's Web API documentation examples of each endpoint (see {@code sonar-fixtures/SOURCES.md});
 * quality profiles are those of {@code qualityprofile/search-example.json}.
 */
final class QualityEndpoints {

    private QualityEndpoints() {
    }

    // ---- issues

    /** Comment keys are {@code <issue key>-comment-<n>}: the issue they belong to must exist. */
    static Reply editComment(Call call) {
        SeededIssue issue = commentIssue(call);
        String text = call.required("text");
        return IssueEndpoints.withComment(call, issue, call.required("comment"), text);
    }

    static Reply deleteComment(Call call) {
        SeededIssue issue = commentIssue(call);
        return IssueEndpoints.withComment(call, issue, null, null);
    }

    private static SeededIssue commentIssue(Call call) {
        String key = call.required("comment");
        int at = key.indexOf("-comment-");
        return (at > 0 ? call.state().issue(key.substring(0, at)) : java.util.Optional.<SeededIssue>empty())
                .orElseThrow(() -> SonarApiException.notFound("Comment with key '" + key + "' does not exist"));
    }

    static Reply bulkChange(Call call) {
        List<String> keys = call.request().list("issues");
        if (keys.isEmpty()) {
            throw SonarApiException.missingParameter("issues");
        }
        if (keys.size() > 500) {
            throw SonarApiException.badRequest("'issues' can contain only 500 values, got " + keys.size());
        }
        String transition = call.param("do_transition");
        if (transition != null) {
            IssueEndpoints.checkValues("do_transition", List.of(transition),
                    List.of("confirm", "unconfirm", "reopen", "resolve", "falsepositive", "wontfix", "accept"));
        }
        if (call.param("add_tags") == null && call.param("remove_tags") == null && call.param("assign") == null
                && transition == null && call.param("comment") == null) {
            throw SonarApiException.badRequest("At least one action must be provided");
        }
        int success = 0;
        for (String key : keys) {
            if (call.state().issue(key).isPresent()) {
                success++;
            }
        }
        ObjectNode body = Json.object();
        body.put("total", keys.size()).put("success", success).put("ignored", 0).put("failures", keys.size() - success);
        return Reply.json(Json.write(body));
    }

    static Reply issueTags(Call call) {
        int size = call.request().intParam("ps", 10);
        Set<String> tags = new TreeSet<>();
        for (SeedRule rule : SeedRule.ISSUE_RULES) {
            tags.addAll(rule.tags());
        }
        tags.add("later");
        ObjectNode body = Json.object();
        body.set("tags", Json.strings(tags.stream().filter(t -> AdminEndpoints.matches(t, call.param("q")))
                .limit(size).toList()));
        return Reply.json(Json.write(body));
    }

    static Reply issueAuthors(Call call) {
        int size = call.request().intParam("ps", 10);
        if (call.param("project") != null) {
            ProjectEndpoints.project(call, "project");
        }
        ObjectNode body = Json.object();
        body.set("authors", Json.strings(List.of("ada@example.com", "grace@example.com", "jdoe@example.com").stream()
                .filter(a -> AdminEndpoints.matches(a, call.param("q"))).limit(size).toList()));
        return Reply.json(Json.write(body));
    }

    // ---- hotspots

    static Reply hotspotComment(Call call) {
        existingHotspot(call);
        String comment = call.required("comment");
        if (comment.length() > 1000) {
            throw SonarApiException.badRequest("'comment' length (" + comment.length() + ") is longer than the maximum authorized (1000)");
        }
        return Reply.noContent();
    }

    static Reply assignHotspot(Call call) {
        existingHotspot(call);
        String assignee = call.param("assignee");
        if (assignee != null && !AdminEndpoints.USERS.contains(assignee)) {
            throw SonarApiException.notFound("Unknown user: " + assignee);
        }
        return Reply.noContent();
    }

    private static void existingHotspot(Call call) {
        String key = call.required("hotspot");
        call.state().hotspot(key).orElseThrow(() -> SonarApiException.notFound("Hotspot '" + key + "' does not exist"));
    }

    // ---- measures

    static Reply searchMeasures(Call call) {
        List<String> projects = call.request().list("projectKeys");
        List<String> metrics = call.request().list("metricKeys");
        if (projects.size() > 100) {
            throw SonarApiException.badRequest("'projectKeys' can contain only 100 values, got " + projects.size());
        }
        ObjectNode body = Json.object();
        ArrayNode measures = body.putArray("measures");
        for (String project : projects) {
            if (call.state().project(project).filter(p -> p.visibleFrom(call.organization())).isEmpty()) {
                continue; // SonarQube leaves out what the caller cannot browse
            }
            for (String metric : metrics) {
                measures.addObject().put("metric", metric).put("component", project)
                        .put("value", Integer.toString(Math.floorMod((project + metric).hashCode(), 1000)))
                        .put("bestValue", false);
            }
        }
        return Reply.json(Json.write(body));
    }

    // ---- quality profiles

    static Reply profileChangelog(Call call) {
        ObjectNode profile = profile(call);
        Paging paging = Paging.parse(call.request(), 50, 500);
        List<ObjectNode> events = new ArrayList<>();
        String[] actions = {"ACTIVATED", "UPDATED", "DEACTIVATED"};
        for (int i = 0; i < 3; i++) {
            SeedRule rule = SeedRule.ISSUE_RULES.get(i);
            ObjectNode event = Json.object().put("date", "2026-0" + (9 - i) + "-12T10:15:0" + i + "+0000")
                    .put("authorLogin", "jdoe").put("authorName", "John Doe").put("action", actions[i])
                    .put("ruleKey", rule.key()).put("ruleName", rule.name());
            event.putObject("params").put("severity", i == 1 ? "CRITICAL" : "MAJOR");
            events.add(event);
        }
        ObjectNode body = Json.object();
        body.put("total", events.size()).put("p", paging.page()).put("ps", paging.size());
        body.set("paging", paging.json(events.size()));
        ArrayNode list = body.putArray("events");
        paging.slice(events).forEach(list::add);
        body.put("profileKey", profile.get("key").asString());
        body.remove("profileKey");
        return Reply.json(Json.write(body));
    }

    static Reply profileInheritance(Call call) {
        ObjectNode profile = profile(call);
        ObjectNode body = Json.object();
        body.set("profile", inheritanceEntry(profile));
        ArrayNode ancestors = body.putArray("ancestors");
        ArrayNode children = body.putArray("children");
        for (JsonNode other : profiles()) {
            if (other.path("key").asString().equals(profile.path("parentKey").asString(""))) {
                ancestors.add(inheritanceEntry((ObjectNode) other));
            }
            if (other.path("parentKey").asString("").equals(profile.get("key").asString())) {
                children.add(inheritanceEntry((ObjectNode) other));
            }
        }
        return Reply.json(Json.write(body));
    }

    private static ObjectNode inheritanceEntry(ObjectNode profile) {
        ObjectNode json = Json.object().put("key", profile.get("key").asString())
                .put("name", profile.get("name").asString())
                .put("activeRuleCount", profile.path("activeRuleCount").asInt())
                .put("overridingRuleCount", profile.path("isInherited").asBoolean() ? 2 : 0)
                .put("isBuiltIn", profile.path("isBuiltIn").asBoolean());
        if (profile.has("parentKey")) {
            json.put("parent", profile.get("parentKey").asString());
        }
        return json;
    }

    static Reply profileProjects(Call call) {
        String key = call.required("key");
        profileByKey(key);
        Paging paging = Paging.parse(call.request(), 100, 500);
        String selected = call.request().param("selected").orElse("selected");
        List<SimProject> projects = call.state().projectsOf(call.organization()).stream()
                .filter(p -> selected.equals("all") || selected.equals("selected") == p.key().endsWith("my-project"))
                .filter(p -> AdminEndpoints.matches(p.name(), call.param("q")))
                .toList();
        ObjectNode body = Json.object();
        ArrayNode results = body.putArray("results");
        for (SimProject project : paging.slice(projects)) {
            results.addObject().put("key", project.key()).put("name", project.name())
                    .put("selected", project.key().endsWith("my-project"));
        }
        body.set("paging", paging.json(projects.size()));
        body.put("more", (long) paging.page() * paging.size() < projects.size());
        return Reply.json(Json.write(body));
    }

    static Reply backup(Call call) {
        ObjectNode profile = profile(call);
        StringBuilder xml = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<profile>\n  <name>")
                .append(profile.get("name").asString()).append("</name>\n  <language>")
                .append(profile.get("language").asString()).append("</language>\n  <rules>\n");
        for (SeedRule rule : SeedRule.ISSUE_RULES) {
            int colon = rule.key().indexOf(':');
            xml.append("    <rule>\n      <repositoryKey>").append(rule.key(), 0, colon)
                    .append("</repositoryKey>\n      <key>").append(rule.key().substring(colon + 1))
                    .append("</key>\n      <priority>MAJOR</priority>\n      <parameters/>\n    </rule>\n");
        }
        xml.append("  </rules>\n</profile>\n");
        return new Reply(200, "application/xml", xml.toString(), Map.of());
    }

    static Reply compare(Call call) {
        ObjectNode left = profileByKey(call.required("leftKey"));
        ObjectNode right = profileByKey(call.required("rightKey"));
        ObjectNode body = Json.object();
        body.putObject("left").put("key", left.get("key").asString()).put("name", left.get("name").asString());
        body.putObject("right").put("key", right.get("key").asString()).put("name", right.get("name").asString());
        body.putArray("inLeft").add(compared(SeedRule.ISSUE_RULES.get(0)));
        body.putArray("inRight").add(compared(SeedRule.ISSUE_RULES.get(1)));
        ObjectNode modified = compared(SeedRule.ISSUE_RULES.get(2));
        modified.putObject("left").put("severity", "MAJOR");
        modified.putObject("right").put("severity", "CRITICAL");
        body.putArray("modified").add(modified);
        body.putArray("same").add(compared(SeedRule.ISSUE_RULES.get(3)));
        return Reply.json(Json.write(body));
    }

    private static ObjectNode compared(SeedRule rule) {
        return Json.object().put("key", rule.key()).put("name", rule.name()).put("pluginKey", "java")
                .put("pluginName", "Java").put("languageKey", "java").put("languageName", "Java");
    }

    static Reply createProfile(Call call) {
        String language = language(call.required("language"));
        String name = call.required("name");
        if (findProfile(language, name) != null) {
            throw SonarApiException.badRequest("Quality profile already exists: {lang=" + language + ", name=" + name + "}");
        }
        ObjectNode body = Json.object();
        body.putObject("profile").put("key", AdminEndpoints.id("profile", language + name)).put("name", name)
                .put("language", language).put("languageName", languageName(language)).put("isInherited", false)
                .put("isDefault", false).put("isBuiltIn", false);
        return Reply.json(Json.write(body));
    }

    static Reply copyProfile(Call call) {
        ObjectNode from = profileByKey(call.required("fromKey"));
        String name = call.required("toName");
        if (findProfile(from.get("language").asString(), name) != null) {
            throw SonarApiException.badRequest("Quality profile already exists: " + name);
        }
        ObjectNode body = Json.object().put("key", AdminEndpoints.id("profile", from.get("language").asString() + name))
                .put("name", name).put("language", from.get("language").asString())
                .put("languageName", from.get("languageName").asString()).put("isDefault", false)
                .put("isInherited", false);
        return Reply.json(Json.write(body));
    }

    static Reply deleteProfile(Call call) {
        ObjectNode profile = profile(call);
        if (profile.path("isBuiltIn").asBoolean() || profile.path("isDefault").asBoolean()) {
            throw SonarApiException.badRequest("Profile '" + profile.get("name").asString()
                    + "' cannot be deleted because it is marked as default or built-in");
        }
        return Reply.noContent();
    }

    static Reply profileWrite(Call call) {
        profile(call);
        String parent = call.param("parentQualityProfile");
        if (parent != null && findProfile(call.required("language"), parent) == null) {
            throw SonarApiException.notFound("Quality Profile for language '" + call.param("language")
                    + "' and name '" + parent + "' does not exist");
        }
        return Reply.noContent();
    }

    static Reply activateRule(Call call) {
        ObjectNode profile = profileByKey(call.required("key"));
        String rule = call.required("rule");
        if (SeedRule.find(rule) == null) {
            throw SonarApiException.notFound("Rule with key '" + rule + "' not found");
        }
        String severity = call.param("severity");
        if (severity != null) {
            IssueEndpoints.checkValues("severity", List.of(severity), IssueEndpoints.SEVERITIES);
        }
        if (profile.path("isBuiltIn").asBoolean()) {
            throw SonarApiException.badRequest("Operation forbidden for built-in Quality Profile '"
                    + profile.get("name").asString() + "'");
        }
        return Reply.noContent();
    }

    /** The profile named by {@code language} and {@code qualityProfile}. */
    private static ObjectNode profile(Call call) {
        String language = language(call.required("language"));
        String name = call.required("qualityProfile");
        ObjectNode profile = findProfile(language, name);
        if (profile == null) {
            throw SonarApiException.notFound("Quality Profile for language '" + language + "' and name '" + name
                    + "' does not exist");
        }
        return profile;
    }

    private static ObjectNode profileByKey(String key) {
        for (JsonNode profile : profiles()) {
            if (profile.path("key").asString().equals(key)) {
                return (ObjectNode) profile;
            }
        }
        throw SonarApiException.notFound("Quality Profile with key '" + key + "' does not exist");
    }

    private static ObjectNode findProfile(String language, String name) {
        for (JsonNode profile : profiles()) {
            if (profile.path("language").asString().equals(language) && profile.path("name").asString().equals(name)) {
                return (ObjectNode) profile;
            }
        }
        return null;
    }

    private static List<JsonNode> profiles() {
        List<JsonNode> profiles = new ArrayList<>();
        Fixtures.copy("qualityprofile/search-example.json").get("profiles").values().forEach(profiles::add);
        return profiles;
    }

    private static String language(String language) {
        IssueEndpoints.checkValues("language", List.of(language), List.of("cs", "java", "js", "py", "ts", "xml"));
        return language;
    }

    private static String languageName(String language) {
        return switch (language) {
            case "cs" -> "C#";
            case "java" -> "Java";
            case "js" -> "JavaScript";
            case "py" -> "Python";
            case "ts" -> "TypeScript";
            default -> "XML";
        };
    }

    // ---- rules

    static Reply ruleTags(Call call) {
        int size = call.request().intParam("ps", 10);
        Set<String> tags = new TreeSet<>(List.of("brain-overload", "clumsy", "convention", "pitfall", "suspicious"));
        for (SeedRule rule : SeedRule.ISSUE_RULES) {
            tags.addAll(rule.tags());
        }
        ObjectNode body = Json.object();
        body.set("tags", Json.strings(tags.stream().filter(t -> AdminEndpoints.matches(t, call.param("q")))
                .limit(size).toList()));
        return Reply.json(Json.write(body));
    }

    static Reply ruleRepositories(Call call) {
        String language = call.param("language");
        ObjectNode body = Json.object();
        ArrayNode repositories = body.putArray("repositories");
        Object[][] all = {{"java", "SonarAnalyzer", "java"}, {"javabugs", "SonarAnalyzer Bugs", "java"},
                {"python", "SonarAnalyzer", "py"}, {"csharpsquid", "SonarAnalyzer", "cs"},
                {"javascript", "SonarAnalyzer", "js"}};
        for (Object[] repository : all) {
            if ((language == null || language.equals(repository[2]))
                    && AdminEndpoints.matches((String) repository[0], call.param("q"))) {
                repositories.addObject().put("key", (String) repository[0]).put("name", (String) repository[1])
                        .put("language", (String) repository[2]);
            }
        }
        return Reply.json(Json.write(body));
    }

    static Reply updateRule(Call call) {
        String key = call.required("key");
        if (SeedRule.find(key) == null && !key.equals("squid:S1067")) {
            throw SonarApiException.notFound("This rule does not exist: " + key);
        }
        ObjectNode body = Fixtures.copy("rule/show-example.json");
        ObjectNode rule = (ObjectNode) body.get("rule");
        rule.put("key", key);
        if (call.request().param("tags").isPresent()) {
            rule.set("tags", Json.strings(new LinkedHashSet<>(call.request().list("tags"))));
        }
        if (call.param("markdown_note") != null) {
            rule.put("mdNote", call.param("markdown_note"));
            rule.put("htmlNote", call.param("markdown_note").replace("&", "&amp;").replace("<", "&lt;"));
        }
        body.remove("actives");
        return Reply.json(Json.write(body));
    }

    // ---- webhooks

    static Reply updateWebhook(Call call) {
        String key = call.required("webhook");
        call.required("name");
        String url = call.required("url");
        if (!List.of("UUID-1", "UUID-2").contains(key)) {
            throw SonarApiException.notFound("No webhook with key '" + key + "'");
        }
        if (!url.matches("(?i)https?://.+")) {
            throw SonarApiException.badRequest("Url parameter with value '" + url + "' is not a valid url");
        }
        return Reply.noContent();
    }

    static Reply delivery(Call call) {
        String id = call.required("deliveryId");
        for (JsonNode delivery : Fixtures.copy("webhook/example-deliveries.json").get("deliveries").values()) {
            if (delivery.path("id").asString().equals(id)) {
                ObjectNode body = Json.object();
                ObjectNode copy = (ObjectNode) delivery.deepCopy();
                copy.put("payload", "{\"status\":\"SUCCESS\",\"project\":{\"key\":\"" + copy.path("componentKey").asString()
                        + "\"}}");
                body.set("delivery", copy);
                return Reply.json(Json.write(body));
            }
        }
        throw SonarApiException.notFound("Webhook delivery with id '" + id + "' is not found");
    }
}
