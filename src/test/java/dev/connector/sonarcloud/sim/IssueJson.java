package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** JSON shapes of seeded issues and hotspots and of the components, rules and users that go with them. */
final class IssueJson {

    private IssueJson() {
    }

    static ObjectNode issue(SeededIssue issue, String organization) {
        ObjectNode json = Json.object();
        json.put("key", issue.key());
        json.put("rule", issue.rule().key());
        json.put("severity", issue.severity());
        json.put("component", issue.component());
        json.put("project", issue.projectKey());
        json.put("line", issue.line());
        json.put("hash", issue.hash());
        json.set("textRange", textRange(issue.line()));
        json.putArray("flows");
        json.put("status", issue.status());
        if (issue.resolution() != null) {
            json.put("resolution", issue.resolution());
        }
        json.put("message", issue.rule().message());
        json.putArray("messageFormattings");
        json.put("effort", "5min");
        json.put("debt", "5min");
        if (issue.assignee() != null) {
            json.put("assignee", issue.assignee());
        }
        json.put("author", issue.author());
        json.set("tags", Json.strings(issue.tags()));
        json.put("creationDate", SonarDates.format(issue.creationDate()));
        json.put("updateDate", SonarDates.format(issue.updateDate()));
        json.put("type", issue.type());
        if (organization != null) {
            json.put("organization", organization);
        }
        json.put("cleanCodeAttribute", issue.rule().cleanCodeAttribute());
        json.put("cleanCodeAttributeCategory", issue.rule().cleanCodeAttributeCategory());
        ObjectNode impact = json.putArray("impacts").addObject();
        impact.put("softwareQuality", issue.rule().softwareQuality());
        impact.put("severity", issue.impactSeverity());
        json.put("issueStatus", issue.issueStatus());
        json.put("quickFixAvailable", false);
        return json;
    }

    static ObjectNode hotspot(SeededHotspot hotspot) {
        ObjectNode json = Json.object();
        json.put("key", hotspot.key());
        json.put("component", hotspot.component());
        json.put("project", hotspot.projectKey());
        json.put("securityCategory", hotspot.securityCategory());
        json.put("vulnerabilityProbability", hotspot.vulnerabilityProbability());
        json.put("status", hotspot.status());
        if (hotspot.resolution() != null) {
            json.put("resolution", hotspot.resolution());
        }
        json.put("line", hotspot.line());
        json.put("message", hotspot.rule().message());
        if (hotspot.assignee() != null) {
            json.put("assignee", hotspot.assignee());
        }
        json.put("author", hotspot.author());
        json.put("creationDate", SonarDates.format(hotspot.creationDate()));
        json.put("updateDate", SonarDates.format(hotspot.creationDate()));
        json.set("textRange", textRange(hotspot.line()));
        json.putArray("flows");
        json.put("ruleKey", hotspot.rule().key());
        json.putArray("messageFormattings");
        return json;
    }

    static ObjectNode textRange(int line) {
        ObjectNode range = Json.object();
        range.put("startLine", line);
        range.put("endLine", line);
        range.put("startOffset", 4);
        range.put("endOffset", 24);
        return range;
    }

    static ObjectNode fileComponent(String key, String organization) {
        String path = SeedGenerator.filePath(key);
        ObjectNode json = Json.object();
        if (organization != null) {
            json.put("organization", organization);
        }
        json.put("key", key);
        json.put("enabled", true);
        json.put("qualifier", "FIL");
        json.put("name", path.substring(path.lastIndexOf('/') + 1));
        json.put("longName", path);
        json.put("path", path);
        return json;
    }

    static ObjectNode projectComponent(SimProject project, String organization) {
        ObjectNode json = Json.object();
        if (organization != null) {
            json.put("organization", organization);
        }
        json.put("key", project.key());
        json.put("enabled", true);
        json.put("qualifier", "TRK");
        json.put("name", project.name());
        json.put("longName", project.name());
        return json;
    }

    static ObjectNode rule(SeedRule rule) {
        ObjectNode json = Json.object();
        json.put("key", rule.key());
        json.put("name", rule.name());
        json.put("status", "READY");
        json.put("lang", "java");
        json.put("langName", "Java");
        return json;
    }

    static ObjectNode user(String login, SimState state) {
        ObjectNode json = Json.object();
        json.put("login", login);
        json.put("name", state.userName(login));
        json.put("active", true);
        json.put("avatar", avatar(login));
        return json;
    }

    static String avatar(String login) {
        return HexFormat.of().toHexDigits((long) login.hashCode() * 0x9E3779B97F4A7C15L)
                + HexFormat.of().toHexDigits((long) login.length() * 0xBF58476D1CE4E5B9L);
    }

    /**
     * The {@code components}, {@code rules} and {@code users} that accompany a list of issues, in first-seen order
     * (users sorted by login).
     */
    static void addReferences(ObjectNode body, Iterable<SeededIssue> issues, Map<String, SimProject> projects,
                              String requestedOrganization, SimState state) {
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        Map<String, ObjectNode> rules = new LinkedHashMap<>();
        Set<String> users = new TreeSet<>();
        for (SeededIssue issue : issues) {
            SimProject project = projects.get(issue.projectKey());
            String organization = project == null ? requestedOrganization : project.organizationOr(requestedOrganization);
            components.computeIfAbsent(issue.component(), key -> fileComponent(key, organization));
            if (project != null) {
                components.computeIfAbsent(project.key(), key -> projectComponent(project, organization));
            }
            rules.computeIfAbsent(issue.rule().key(), key -> rule(issue.rule()));
            if (issue.assignee() != null) {
                users.add(issue.assignee());
            }
        }
        ArrayNode componentArray = body.putArray("components");
        components.values().forEach(componentArray::add);
        ArrayNode ruleArray = body.putArray("rules");
        rules.values().forEach(ruleArray::add);
        ArrayNode userArray = body.putArray("users");
        users.forEach(login -> userArray.add(user(login, state)));
    }
}
