package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Project administration: projects, tags, links, settings, new code periods, branches and pull requests, analysis
 * events, background-task counters, badges, favorites, blame and DevOps bindings. Shapes follow SonarSource's Web API
 * documentation examples of each endpoint (see {@code sonar-fixtures/SOURCES.md}); writes answer as SonarQube does
 * (mostly 204) but change nothing, so every test sees the same data.
 */
final class ProjectEndpoints {

    static final List<String> VISIBILITIES = List.of("public", "private");
    static final List<String> NEW_CODE_TYPES = List.of("PREVIOUS_VERSION", "NUMBER_OF_DAYS", "SPECIFIC_ANALYSIS",
            "REFERENCE_BRANCH");
    /** Branches and pull requests of every project: those of the example bodies. */
    static final List<String> BRANCHES = List.of("develop", "feature/foo", "master");
    static final String MAIN_BRANCH = "master";
    static final List<String> PULL_REQUESTS = List.of("123");
    static final List<String> ANALYSES = List.of("A2", "A1", "P1");
    static final Map<String, String> EVENTS = Map.of("E21", "A2", "E22", "A2", "AXx_QFJ6Wa8wkfuJ6r5P", "A1",
            "AXt91FkXy_c4CIP4ds6A", "A1", "E31", "P1");
    static final List<String> LINKS = List.of("AU-link-homepage", "AU-link-ci");

    private ProjectEndpoints() {
    }

    // ---- projects

    static Reply createProject(Call call) {
        String key = call.required("project");
        String name = call.required("name");
        String visibility = call.request().param("visibility").orElse("public");
        IssueEndpoints.checkValues("visibility", List.of(visibility), VISIBILITIES);
        if (!key.matches("[\\w.:-]{1,400}") || key.matches("\\d+")) {
            throw SonarApiException.badRequest("Malformed key for Project: '" + key
                    + "'. Allowed characters are alphanumeric, '-', '_', '.' and ':', with at least one non-digit.");
        }
        if (call.state().project(key).isPresent()) {
            throw SonarApiException.badRequest("Could not create Project with key: \"" + key
                    + "\". A similar key already exists: \"" + key + "\"");
        }
        ObjectNode body = Json.object();
        body.putObject("project").put("key", key).put("name", name).put("qualifier", "TRK")
                .put("visibility", visibility);
        return Reply.json(Json.write(body));
    }

    static Reply updateVisibility(Call call) {
        IssueEndpoints.checkValues("visibility", List.of(call.required("visibility")), VISIBILITIES);
        return Reply.noContent();
    }

    static Reply updateKey(Call call) {
        String to = call.required("to");
        if (call.state().project(to).isPresent()) {
            throw SonarApiException.badRequest("Impossible to update key: a component with key \"" + to + "\" already exists.");
        }
        return Reply.noContent();
    }

    static Reply exportFindings(Call call) {
        SimProject project = project(call, "project");
        ObjectNode body = Json.object();
        ArrayNode findings = body.putArray("export_findings");
        String branch = call.request().param("branch").orElse(MAIN_BRANCH);
        for (SeededIssue issue : project.issues()) {
            ObjectNode json = findings.addObject();
            json.put("key", issue.key()).put("projectKey", project.key()).put("branch", branch)
                    .put("path", SeedGenerator.filePath(issue.component())).put("lineNumber", issue.line())
                    .put("message", issue.rule().message()).put("status", issue.status())
                    .put("ruleReference", issue.rule().key()).put("type", issue.type())
                    .put("severity", issue.severity()).put("createdAt", SonarDates.format(issue.creationDate()))
                    .put("updatedAt", SonarDates.format(issue.updateDate()));
        }
        for (SeededHotspot hotspot : project.hotspots()) {
            ObjectNode json = findings.addObject();
            json.put("key", hotspot.key()).put("projectKey", project.key()).put("branch", branch)
                    .put("path", SeedGenerator.filePath(hotspot.component())).put("lineNumber", hotspot.line())
                    .put("message", hotspot.rule().message()).put("status", hotspot.status())
                    .put("ruleReference", hotspot.rule().key()).put("type", "SECURITY_HOTSPOT")
                    .put("createdAt", SonarDates.format(hotspot.creationDate()));
        }
        return Reply.json(Json.write(body));
    }

    // ---- tags and links

    static Reply projectTags(Call call) {
        int size = call.request().intParam("ps", 10);
        List<String> tags = List.of("finance", "java", "offshore", "platform").stream()
                .filter(tag -> AdminEndpoints.matches(tag, call.param("q"))).limit(size).toList();
        ObjectNode body = Json.object();
        body.set("tags", Json.strings(tags));
        return Reply.json(Json.write(body));
    }

    static Reply setProjectTags(Call call) {
        for (String tag : call.request().list("tags")) {
            if (!tag.matches("[a-z0-9+#\\-.]{1,255}")) {
                throw SonarApiException.badRequest("Tag '" + tag
                        + "' is invalid. Tags accept only the characters: a-z, 0-9, '+', '-', '#', '.'");
            }
        }
        return Reply.noContent();
    }

    static Reply links(Call call) {
        project(call, "projectKey");
        ObjectNode body = Json.object();
        ArrayNode links = body.putArray("links");
        links.addObject().put("id", LINKS.get(0)).put("name", "Homepage").put("type", "homepage")
                .put("url", "https://example.com");
        links.addObject().put("id", LINKS.get(1)).put("name", "CI").put("type", "ci")
                .put("url", "https://ci.example.com/job/my-project");
        return Reply.json(Json.write(body));
    }

    static Reply createLink(Call call) {
        String name = call.required("name");
        String url = call.required("url");
        if (name.length() > 128) {
            throw SonarApiException.badRequest("'name' length (" + name.length() + ") is longer than the maximum authorized (128)");
        }
        ObjectNode body = Json.object();
        body.putObject("link").put("id", AdminEndpoints.id("link", name + url)).put("name", name).put("url", url);
        return Reply.json(Json.write(body));
    }

    static Reply deleteLink(Call call) {
        String id = call.required("id");
        if (!LINKS.contains(id)) {
            throw SonarApiException.notFound("Link with id '" + id + "' not found");
        }
        return Reply.noContent();
    }

    // ---- settings

    static Reply settingValues(Call call) {
        List<String> keys = call.request().list("keys");
        ObjectNode body = Json.object();
        ArrayNode settings = body.putArray("settings");
        List<ObjectNode> all = new ArrayList<>();
        ObjectNode exclusions = Json.object().put("key", "sonar.exclusions");
        exclusions.set("values", Json.strings(List.of("**/generated/**", "**/vendor/**")));
        all.add(exclusions.put("inherited", false));
        ObjectNode coverage = Json.object().put("key", "sonar.coverage.exclusions");
        coverage.set("values", Json.strings(List.of("**/test/**")));
        all.add(coverage.put("inherited", true));
        all.add(Json.object().put("key", "sonar.cpd.java.minimumTokens").put("value", "100").put("inherited", true));
        for (ObjectNode setting : all) {
            if (keys.isEmpty() || keys.contains(setting.get("key").asString())) {
                settings.add(setting);
            }
        }
        return Reply.json(Json.write(body));
    }

    static Reply setSetting(Call call) {
        String key = call.required("key");
        if (call.param("value") == null && call.request().list("values").isEmpty()
                && call.param("fieldValues") == null) {
            throw SonarApiException.badRequest("Either 'value', 'values' or 'fieldValues' must be provided");
        }
        if (key.equals("sonar.cpd.java.minimumTokens") && call.param("value") != null
                && !call.param("value").matches("\\d+")) {
            throw SonarApiException.badRequest("Setting '" + key + "' is of type INTEGER: '" + call.param("value")
                    + "' is not an integer");
        }
        return Reply.noContent();
    }

    static Reply resetSetting(Call call) {
        call.required("keys");
        return Reply.noContent();
    }

    static Reply settingDefinitions(Call call) {
        ObjectNode body = Json.object();
        ArrayNode definitions = body.putArray("definitions");
        definitions.addObject().put("key", "sonar.exclusions").put("name", "Source File Exclusions")
                .put("description", "Patterns used to exclude some source files from analysis.")
                .put("type", "STRING").put("category", "exclusions").put("subCategory", "files")
                .put("multiValues", true).putArray("options");
        definitions.addObject().put("key", "sonar.coverage.exclusions").put("name", "Coverage Exclusions")
                .put("description", "Patterns used to exclude some files from coverage report.")
                .put("type", "STRING").put("category", "exclusions").put("subCategory", "coverage")
                .put("multiValues", true).putArray("options");
        definitions.addObject().put("key", "sonar.cpd.java.minimumTokens").put("name", "Java duplication threshold")
                .put("description", "Minimum number of tokens for a duplicated block in Java.")
                .put("type", "INTEGER").put("category", "general").put("subCategory", "duplications")
                .put("defaultValue", "100").put("multiValues", false).putArray("options");
        return Reply.json(Json.write(body));
    }

    // ---- new code periods

    static Reply showNewCodePeriod(Call call) {
        SimProject project = project(call, "project");
        String branch = branch(call, call.request().param("branch").orElse(MAIN_BRANCH));
        ObjectNode body = Json.object();
        body.put("projectKey", project.key()).put("branchKey", branch).put("type", "NUMBER_OF_DAYS")
                .put("value", "30").put("inherited", false).put("effectiveValue", "2026-11-02T00:00:00+0000");
        return Reply.json(Json.write(body));
    }

    static Reply listNewCodePeriods(Call call) {
        SimProject project = project(call, "project");
        ObjectNode body = Json.object();
        ArrayNode periods = body.putArray("newCodePeriods");
        periods.addObject().put("projectKey", project.key()).put("branchKey", "feature/foo")
                .put("type", "REFERENCE_BRANCH").put("value", MAIN_BRANCH).put("inherited", false)
                .put("effectiveValue", MAIN_BRANCH);
        periods.addObject().put("projectKey", project.key()).put("branchKey", MAIN_BRANCH)
                .put("type", "NUMBER_OF_DAYS").put("value", "30").put("inherited", false)
                .put("effectiveValue", "2026-11-02T00:00:00+0000");
        return Reply.json(Json.write(body));
    }

    static Reply setNewCodePeriod(Call call) {
        if (call.param("branch") != null) {
            branch(call, call.param("branch"));
        }
        String type = call.required("type").toUpperCase(java.util.Locale.ROOT);
        IssueEndpoints.checkValues("type", List.of(type), NEW_CODE_TYPES);
        String value = call.param("value");
        switch (type) {
            case "NUMBER_OF_DAYS" -> {
                if (value == null || !value.matches("\\d{1,3}") || Integer.parseInt(value) < 1
                        || Integer.parseInt(value) > 90) {
                    throw SonarApiException.badRequest("Failed to parse number of days: " + value);
                }
            }
            case "SPECIFIC_ANALYSIS" -> {
                if (value == null || !ANALYSES.contains(value)) {
                    throw SonarApiException.notFound("Analysis '" + value + "' is not found");
                }
            }
            case "REFERENCE_BRANCH" -> {
                if (value == null) {
                    throw SonarApiException.badRequest("New code definition type 'REFERENCE_BRANCH' requires a value");
                }
            }
            default -> {
                if (value != null) {
                    throw SonarApiException.badRequest("Unexpected value for type '" + type + "'");
                }
            }
        }
        return Reply.noContent();
    }

    static Reply unsetNewCodePeriod(Call call) {
        if (call.param("branch") != null) {
            branch(call, call.param("branch"));
        }
        return Reply.noContent();
    }

    // ---- branches and pull requests

    static Reply deleteBranch(Call call) {
        String branch = branch(call, call.required("branch"));
        if (branch.equals(MAIN_BRANCH)) {
            throw SonarApiException.badRequest("Branch '" + branch + "' cannot be deleted");
        }
        return Reply.noContent();
    }

    static Reply renameMainBranch(Call call) {
        String name = call.required("name");
        if (BRANCHES.contains(name) && !name.equals(MAIN_BRANCH)) {
            throw SonarApiException.badRequest("Impossible to update branch name: a branch with name \"" + name
                    + "\" already exists in the project.");
        }
        return Reply.noContent();
    }

    static Reply setMainBranch(Call call) {
        branch(call, call.required("branch"));
        return Reply.noContent();
    }

    static Reply setDeletionProtection(Call call) {
        branch(call, call.required("branch"));
        call.request().booleanParam("value", false);
        call.required("value");
        return Reply.noContent();
    }

    static Reply deletePullRequest(Call call) {
        String key = call.required("pullRequest");
        if (!PULL_REQUESTS.contains(key)) {
            throw SonarApiException.notFound("Pull request '" + key + "' is not found for project '"
                    + call.param("project") + "'");
        }
        return Reply.noContent();
    }

    private static String branch(Call call, String branch) {
        if (!BRANCHES.contains(branch)) {
            throw SonarApiException.notFound("Branch '" + branch + "' not found for project '"
                    + call.param("project") + "'");
        }
        return branch;
    }

    // ---- analyses and events

    static Reply createEvent(Call call) {
        String analysis = call.required("analysis");
        String name = call.required("name");
        String category = call.request().param("category").orElse("OTHER");
        IssueEndpoints.checkValues("category", List.of(category), List.of("VERSION", "OTHER"));
        if (!ANALYSES.contains(analysis)) {
            throw SonarApiException.notFound("Analysis '" + analysis + "' not found");
        }
        if (name.length() > 400) {
            throw SonarApiException.badRequest("'name' length (" + name.length() + ") is longer than the maximum authorized (400)");
        }
        ObjectNode body = Json.object();
        body.putObject("event").put("key", AdminEndpoints.id("event", analysis + name)).put("analysis", analysis)
                .put("category", category).put("name", name);
        return Reply.json(Json.write(body));
    }

    static Reply updateEvent(Call call) {
        String event = existingEvent(call.required("event"));
        String name = call.required("name");
        ObjectNode body = Json.object();
        body.putObject("event").put("key", event).put("analysis", EVENTS.get(event))
                .put("category", event.equals("AXx_QFJ6Wa8wkfuJ6r5P") ? "VERSION" : "OTHER").put("name", name);
        return Reply.json(Json.write(body));
    }

    static Reply deleteEvent(Call call) {
        existingEvent(call.required("event"));
        return Reply.noContent();
    }

    static Reply deleteAnalysis(Call call) {
        String analysis = call.required("analysis");
        if (!ANALYSES.contains(analysis)) {
            throw SonarApiException.notFound("Analysis '" + analysis + "' not found");
        }
        if (analysis.equals("A2")) {
            throw SonarApiException.badRequest("The last analysis 'A2' cannot be deleted");
        }
        return Reply.noContent();
    }

    private static String existingEvent(String key) {
        if (!EVENTS.containsKey(key)) {
            throw SonarApiException.notFound("Event '" + key + "' not found");
        }
        return key;
    }

    // ---- compute engine

    static Reply activityStatus(Call call) {
        if (call.param("component") != null) {
            project(call, "component");
        }
        return Reply.json("{\"pending\":2,\"inProgress\":1,\"failing\":3,\"pendingTime\":15000}");
    }

    static Reply analysisStatus(Call call) {
        SimProject project = project(call, "component");
        ObjectNode body = Json.object();
        ObjectNode component = body.putObject("component");
        component.put("key", project.key()).put("name", project.name());
        if (call.param("branch") != null) {
            component.put("branch", call.param("branch"));
        }
        if (call.param("pullRequest") != null) {
            component.put("pullRequest", call.param("pullRequest"));
        }
        component.putArray("warnings").addObject().put("key", "AXy5Tc2HkzJgGpnQ7z9b")
                .put("message", "The 'sonar.login' property is deprecated; use 'sonar.token' instead.")
                .put("dismissable", false);
        return Reply.json(Json.write(body));
    }

    // ---- badges

    static Reply measureBadge(Call call) {
        project(call, "project");
        String metric = call.required("metric");
        List<String> metrics = List.of("bugs", "code_smells", "coverage", "duplicated_lines_density", "ncloc",
                "sqale_rating", "alert_status", "reliability_rating", "security_rating", "sqale_index",
                "vulnerabilities");
        IssueEndpoints.checkValues("metric", List.of(metric), metrics);
        return svg(metric.replace('_', ' '), metric.equals("coverage") ? "87.5%" : "12");
    }

    static Reply qualityGateBadge(Call call) {
        project(call, "project");
        return svg("quality gate", "passed");
    }

    private static Reply svg(String label, String value) {
        String body = "<svg xmlns=\"http://www.w3.org/2000/svg\" height=\"20\" width=\"140\">"
                + "<rect width=\"80\" height=\"20\" fill=\"#555\"/><rect x=\"80\" width=\"60\" height=\"20\" fill=\"#4c1\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana\" font-size=\"11\"><text x=\"4\" y=\"14\">" + label
                + "</text><text x=\"84\" y=\"14\">" + value + "</text></g></svg>";
        return new Reply(200, "image/svg+xml", body, Map.of());
    }

    // ---- favorites

    static Reply searchFavorites(Call call) {
        Paging paging = Paging.parse(call.request(), 100, 500);
        List<SimProject> projects = call.state().projectsOf(null).stream()
                .filter(p -> p.organization() != null && call.user().isMemberOf(p.organization())).toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(projects.size()));
        ArrayNode favorites = body.putArray("favorites");
        for (SimProject project : paging.slice(projects)) {
            favorites.addObject().put("organization", project.organization()).put("key", project.key())
                    .put("name", project.name()).put("qualifier", "TRK");
        }
        return Reply.json(Json.write(body));
    }

    static Reply changeFavorite(Call call) {
        project(call, "component");
        return Reply.noContent();
    }

    // ---- sources

    static Reply scm(Call call) {
        String key = call.required("key");
        call.state().projectOfComponent(key)
                .orElseThrow(() -> SonarApiException.notFound("Component key '" + key + "' not found"));
        int from = call.request().intParam("from", 1);
        int to = call.request().intParam("to", from + 4);
        ObjectNode body = Json.object();
        ArrayNode scm = body.putArray("scm");
        String[] authors = {"jdoe@example.com", "ada@example.com"};
        for (int line = Math.max(1, from); line <= to && line <= 20; line++) {
            ArrayNode entry = scm.addArray();
            entry.add(line).add(authors[line % 2]).add("2025-0" + (1 + line % 9) + "-13T16:22:17+0000")
                    .add(line % 2 == 0 ? "a1e2b3e5d6f5" : "9c0e1f2a3b4d");
        }
        return Reply.json(Json.write(body));
    }

    // ---- DevOps platform bindings (SonarQube Cloud only; shapes as SonarQube Cloud's web app reads them)

    static Reply boundOrganization(Call call) {
        ObjectNode body = Json.object();
        body.put("key", call.organization()).put("alm", "github").put("almId", "12345678")
                .put("url", "https://github.com/" + call.organization()).put("membersSync", false)
                .put("personal", false);
        return Reply.json(Json.write(body));
    }

    static Reply projectBound(Call call) {
        SimProject project = project(call, "project");
        return Reply.json("{\"isBound\":" + !project.key().endsWith("other-project") + "}");
    }

    // ---- helpers

    static SimProject project(Call call, String parameter) {
        String key = call.required(parameter);
        SimProject project = call.state().projectOfComponent(key)
                .orElseThrow(() -> SonarApiException.notFound("Project '" + key + "' not found"));
        if (call.organization() != null && !project.visibleFrom(call.organization())) {
            throw SonarApiException.notFound("Project '" + key + "' not found");
        }
        return project;
    }
}
