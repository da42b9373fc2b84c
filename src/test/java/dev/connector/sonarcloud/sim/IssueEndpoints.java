package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code api/issues/*}: the dynamic search over seeded issues and the write endpoints. */
final class IssueEndpoints {

    static final List<String> SEVERITIES = List.of("INFO", "MINOR", "MAJOR", "CRITICAL", "BLOCKER");
    static final List<String> IMPACT_SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "BLOCKER");
    static final List<String> SOFTWARE_QUALITIES = List.of("MAINTAINABILITY", "RELIABILITY", "SECURITY");
    static final List<String> TYPES = List.of("CODE_SMELL", "BUG", "VULNERABILITY");
    static final List<String> STATUSES = List.of("OPEN", "CONFIRMED", "REOPENED", "RESOLVED", "CLOSED");
    static final List<String> ISSUE_STATUSES =
            List.of("OPEN", "CONFIRMED", "FALSE_POSITIVE", "ACCEPTED", "FIXED", "IN_SANDBOX");
    static final List<String> SORTS = List.of("CREATION_DATE", "UPDATE_DATE", "CLOSE_DATE", "ASSIGNEE",
            "SEVERITY", "STATUS", "FILE_LINE", "HOTSPOTS");

    private record Outcome(String status, String resolution, String issueStatus) {
    }

    private static final Map<String, Outcome> TRANSITIONS = transitions();

    private static final Comparator<SeededIssue> BY_CREATION_THEN_KEY =
            Comparator.comparing(SeededIssue::creationDate).thenComparing(SeededIssue::key);

    private IssueEndpoints() {
    }

    static Reply search(Call call) {
        ApiRequest request = call.request();
        Paging paging = Paging.parse(request, 100, 500).capped();
        request.param("s").ifPresent(sort -> checkValues("s", List.of(sort), SORTS));
        boolean ascending = request.booleanParam("asc", true);
        Predicate<SeededIssue> filter = filter(call);

        Map<String, SimProject> projects = new LinkedHashMap<>();
        Predicate<SeededIssue> componentFilter = scope(call, projects);
        List<SeededIssue> matches = new ArrayList<>();
        for (SimProject project : projects.values()) {
            for (SeededIssue issue : project.issues()) {
                if (componentFilter.test(issue) && filter.test(issue)) {
                    matches.add(issue);
                }
            }
        }
        // One project's seeded list is already in (creation date, key) order; only a merge needs sorting.
        if (projects.size() > 1 || request.param("issues").isPresent()) {
            matches.sort(BY_CREATION_THEN_KEY);
        }
        if (!ascending) {
            Collections.reverse(matches);
        }

        List<SeededIssue> page = paging.slice(matches);
        ObjectNode body = Json.object();
        body.put("total", matches.size());
        body.put("p", paging.page());
        body.put("ps", paging.size());
        body.set("paging", paging.json(matches.size()));
        body.put("effortTotal", 5L * matches.size());
        ArrayNode issues = body.putArray("issues");
        for (SeededIssue issue : page) {
            issues.add(IssueJson.issue(issue, projects.get(issue.projectKey()).organizationOr(call.organization())));
        }
        IssueJson.addReferences(body, page, projects, call.organization(), call.state());
        ArrayNode facets = body.putArray("facets");
        for (String facet : request.list("facets")) {
            Function<SeededIssue, String> field = switch (facet) {
                case "rules" -> issue -> issue.rule().key();
                case "impactSeverities" -> SeededIssue::impactSeverity;
                case "severities" -> SeededIssue::severity;
                case "types" -> SeededIssue::type;
                default -> throw SonarApiException.badRequest("Value of parameter 'facets' (" + facet
                        + ") must be one of: [rules, impactSeverities, severities, types]");
            };
            Map<String, Integer> counts = new java.util.TreeMap<>();
            matches.forEach(issue -> counts.merge(field.apply(issue), 1, Integer::sum));
            ObjectNode json = facets.addObject().put("property", facet);
            ArrayNode values = json.putArray("values");
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> values.addObject().put("val", e.getKey()).put("count", e.getValue()));
        }
        return Reply.json(Json.write(body));
    }

    /**
     * Fills {@code projects} with the projects to search and returns the component filter. Keys come from
     * {@code componentKeys}, {@code components} or {@code projects}; a key with a path ({@code project:src/…}) narrows
     * the search to that file or directory. Without keys: every project of the organization.
     */
    private static Predicate<SeededIssue> scope(Call call, Map<String, SimProject> projects) {
        ApiRequest request = call.request();
        List<String> issueKeys = request.list("issues");
        if (!issueKeys.isEmpty()) {
            Set<String> wanted = new HashSet<>(issueKeys);
            for (String key : issueKeys) {
                call.state().issue(key)
                        .flatMap(issue -> call.state().project(issue.projectKey()))
                        .filter(project -> project.visibleFrom(call.organization()))
                        .ifPresent(project -> projects.put(project.key(), project));
            }
            return issue -> wanted.contains(issue.key());
        }
        List<String> keys = new ArrayList<>();
        keys.addAll(request.list("componentKeys"));
        keys.addAll(request.list("components"));
        keys.addAll(request.list("projects"));
        if (keys.isEmpty()) {
            call.state().projectsOf(call.organization()).forEach(project -> projects.put(project.key(), project));
            return issue -> true;
        }
        List<String> paths = new ArrayList<>();
        boolean wholeProject = false;
        for (String key : keys) {
            var project = call.state().projectOfComponent(key).filter(p -> p.visibleFrom(call.organization()));
            if (project.isEmpty()) {
                continue;
            }
            projects.put(project.get().key(), project.get());
            if (key.equals(project.get().key())) {
                wholeProject = true;
            } else {
                paths.add(key);
            }
        }
        if (wholeProject || paths.isEmpty()) {
            return issue -> true;
        }
        return issue -> paths.stream().anyMatch(path -> issue.component().equals(path)
                || issue.component().startsWith(path + "/"));
    }

    private static Predicate<SeededIssue> filter(Call call) {
        ApiRequest request = call.request();
        List<Predicate<SeededIssue>> filters = new ArrayList<>();
        request.param("createdAfter").map(SonarDates::parse)
                .ifPresent(after -> filters.add(issue -> !issue.creationDate().isBefore(after)));
        request.param("createdBefore").map(SonarDates::parse)
                .ifPresent(before -> filters.add(issue -> issue.creationDate().isBefore(before)));
        addFilter(filters, request, "issueStatuses", ISSUE_STATUSES, SeededIssue::issueStatus);
        addFilter(filters, request, "statuses", STATUSES, SeededIssue::status);
        addFilter(filters, request, "severities", SEVERITIES, SeededIssue::severity);
        addFilter(filters, request, "impactSeverities", IMPACT_SEVERITIES, SeededIssue::impactSeverity);
        addFilter(filters, request, "impactSoftwareQualities", SOFTWARE_QUALITIES,
                issue -> issue.rule().softwareQuality());
        addFilter(filters, request, "types", TYPES, SeededIssue::type);
        addFilter(filters, request, "rules", null, issue -> issue.rule().key());
        List<String> tags = request.list("tags");
        if (!tags.isEmpty()) {
            filters.add(issue -> issue.tags().stream().anyMatch(tags::contains));
        }
        List<String> assignees = request.list("assignees").stream()
                .map(login -> login.equals("__me__") ? call.user().login() : login)
                .toList();
        if (!assignees.isEmpty()) {
            filters.add(issue -> issue.assignee() != null && assignees.contains(issue.assignee()));
        }
        if (request.param("assigned").isPresent()) {
            boolean assigned = request.booleanParam("assigned", false);
            filters.add(issue -> (issue.assignee() != null) == assigned);
        }
        if (request.param("resolved").isPresent()) {
            boolean resolved = request.booleanParam("resolved", false);
            filters.add(issue -> (issue.resolution() != null) == resolved);
        }
        return issue -> {
            for (Predicate<SeededIssue> each : filters) {
                if (!each.test(issue)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static void addFilter(List<Predicate<SeededIssue>> filters, ApiRequest request, String name,
                                  List<String> allowed, Function<SeededIssue, String> field) {
        List<String> values = request.list(name);
        if (values.isEmpty()) {
            return;
        }
        if (allowed != null) {
            checkValues(name, values, allowed);
        }
        Set<String> wanted = Set.copyOf(values);
        filters.add(issue -> wanted.contains(field.apply(issue)));
    }

    static void checkValues(String name, List<String> values, List<String> allowed) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw SonarApiException.badRequest("Value of parameter '" + name + "' (" + value
                        + ") must be one of: " + allowed);
            }
        }
    }

    static Reply changelog(Call call) {
        return Reply.json(Fixtures.text("issue/changelog-example.json"));
    }

    static Reply doTransition(Call call) {
        SeededIssue issue = existing(call);
        String transition = call.required("transition");
        checkValues("transition", List.of(transition), List.copyOf(TRANSITIONS.keySet()));
        Outcome outcome = TRANSITIONS.get(transition);
        return writeAnswer(call,
                issue.withStatus(outcome.status(), outcome.resolution(), outcome.issueStatus(), Call.now()), null);
    }

    static Reply addComment(Call call) {
        SeededIssue issue = existing(call);
        String text = call.required("text");
        Instant now = Call.now();
        ObjectNode comment = Json.object();
        comment.put("key", "AX-comment-" + Integer.toHexString((issue.key() + text).hashCode()));
        comment.put("login", call.user().login());
        comment.put("htmlText", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;"));
        comment.put("markdown", text);
        comment.put("updatable", true);
        comment.put("createdAt", SonarDates.format(now));
        ArrayNode comments = Json.array();
        comments.add(comment);
        return writeAnswer(call, issue.withAssignee(issue.assignee(), now), comments);
    }

    /** The answer of editing a comment ({@code text} not null) or deleting one: the issue and its comments. */
    static Reply withComment(Call call, SeededIssue issue, String commentKey, String text) {
        ArrayNode comments = Json.array();
        if (text != null) {
            comments.addObject().put("key", commentKey).put("login", call.user().login())
                    .put("htmlText", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .put("markdown", text).put("updatable", true).put("createdAt", SonarDates.format(issue.creationDate()));
        }
        return writeAnswer(call, issue, comments);
    }

    static Reply assign(Call call) {
        SeededIssue issue = existing(call);
        return writeAnswer(call, issue.withAssignee(call.param("assignee"), Call.now()), null);
    }

    static Reply setTags(Call call) {
        SeededIssue issue = existing(call);
        return writeAnswer(call, issue.withTags(call.request().list("tags"), Call.now()), null);
    }

    private static SeededIssue existing(Call call) {
        String key = call.required("issue");
        return call.state().issue(key)
                .orElseThrow(() -> SonarApiException.notFound("Issue with key '" + key + "' does not exist"));
    }

    /** The shape of every issue write endpoint: {@code {issue, components, rules, users}}. */
    private static Reply writeAnswer(Call call, SeededIssue issue, ArrayNode comments) {
        SimProject project = call.state().project(issue.projectKey()).orElseThrow();
        String organization = project.organizationOr(call.organization());
        ObjectNode issueJson = IssueJson.issue(issue, organization);
        issueJson.set("transitions", Json.strings(transitionsFrom(issue.issueStatus())));
        issueJson.set("actions", Json.strings(List.of("set_tags", "comment", "assign", "set_severity")));
        issueJson.set("comments", comments == null ? Json.array() : comments);
        ObjectNode body = Json.object();
        body.set("issue", issueJson);
        IssueJson.addReferences(body, List.of(issue), Map.of(project.key(), project), call.organization(), call.state());
        return Reply.json(Json.write(body));
    }

    private static List<String> transitionsFrom(String issueStatus) {
        return switch (issueStatus) {
            case "OPEN" -> List.of("confirm", "resolve", "falsepositive", "accept");
            case "CONFIRMED" -> List.of("unconfirm", "resolve", "falsepositive", "accept");
            default -> List.of("reopen");
        };
    }

    private static Map<String, Outcome> transitions() {
        Map<String, Outcome> transitions = new LinkedHashMap<>();
        transitions.put("confirm", new Outcome("CONFIRMED", null, "CONFIRMED"));
        transitions.put("unconfirm", new Outcome("REOPENED", null, "OPEN"));
        transitions.put("reopen", new Outcome("REOPENED", null, "OPEN"));
        transitions.put("resolve", new Outcome("RESOLVED", "FIXED", "FIXED"));
        transitions.put("falsepositive", new Outcome("RESOLVED", "FALSE-POSITIVE", "FALSE_POSITIVE"));
        transitions.put("wontfix", new Outcome("RESOLVED", "WONTFIX", "ACCEPTED"));
        transitions.put("accept", new Outcome("RESOLVED", "WONTFIX", "ACCEPTED"));
        return transitions;
    }
}
