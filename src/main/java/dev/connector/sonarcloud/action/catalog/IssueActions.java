package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.ActionRun;
import dev.connector.sonarcloud.action.ItemMapper;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Normalize;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Issues: search (past SonarQube's 10,000-result cap), read, transition, comment, assign, tag, changelog. */
@Component
public class IssueActions implements ActionCatalog {

    static final Mapping ISSUE = Mapping.of("key", "rule", "severity", "impacts", "cleanCodeAttribute",
            "cleanCodeAttributeCategory", "type", "status", "issueStatus", "resolution", "message", "component",
            "project", "organization", "line", "textRange", "effort", "author", "assignee", "tags", "transitions",
            "creationDate->created_at", "updateDate->updated_at", "closeDate->closed_at");

    static final List<String> ISSUE_FIELDS;

    static {
        List<String> fields = new ArrayList<>(ISSUE.outputFields());
        fields.add("rule_name");
        fields.add("component_name");
        ISSUE_FIELDS = List.copyOf(fields);
    }

    /** An issue with its rule's and component's names from the response's side lists. */
    static final ItemMapper ISSUE_WITH_NAMES = (item, body) -> {
        ObjectNode issue = ISSUE.apply(item);
        issue.put("rule_name", nameOf(body.path("rules"), item.path("rule").asString(null), "name"));
        issue.put("component_name", nameOf(body.path("components"), item.path("component").asString(null), "longName"));
        return issue;
    };

    private static String nameOf(JsonNode list, String key, String preferred) {
        if (key == null) {
            return null;
        }
        for (JsonNode entry : list) {
            if (key.equals(entry.path("key").asString(null))) {
                return entry.path(preferred).asString(entry.path("name").asString(null));
            }
        }
        return null;
    }

    private static final String ISSUE_KEY = "[A-Za-z0-9_.:-]{1,100}";

    /** The issue key in the route, sent as {@code sonarName} ("issue" for writes, "issues" for search). */
    private static Param issueKey(String sonarName) {
        return Param.string("issue_key", "Issue key").required().matching(ISSUE_KEY).sonar(sonarName);
    }

    private static final Param[] SEARCH_FILTERS = {
            Param.list("projects", "Project keys").sonar("componentKeys"),
            CommonParams.branch(),
            CommonParams.pullRequest(),
            Param.list("impact_severities", "Impact severities").oneOf("INFO", "LOW", "MEDIUM", "HIGH", "BLOCKER"),
            Param.list("impact_software_qualities", "Impacted software qualities")
                    .oneOf("MAINTAINABILITY", "RELIABILITY", "SECURITY"),
            Param.list("issue_statuses", "Issue statuses")
                    .oneOf("OPEN", "CONFIRMED", "FALSE_POSITIVE", "ACCEPTED", "FIXED", "IN_SANDBOX"),
            Param.list("severities", "Legacy severities").oneOf("INFO", "MINOR", "MAJOR", "CRITICAL", "BLOCKER"),
            Param.list("types", "Legacy types").oneOf("CODE_SMELL", "BUG", "VULNERABILITY"),
            Param.list("statuses", "Legacy statuses").oneOf("OPEN", "CONFIRMED", "REOPENED", "RESOLVED", "CLOSED"),
            Param.list("rules", "Rule keys, e.g. java:S1144"),
            Param.list("tags", "Issue tags"),
            Param.list("assignees", "Assignee logins ('__me__' for the token's user)"),
            Param.bool("resolved", "Only resolved (true) or unresolved (false) issues"),
            Param.dateTime("created_after", "Created at or after"),
            Param.dateTime("created_before", "Created before"),
    };

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_search_issues", "/actions/issues", "Search issues",
                                "Issues of the organization, filtered; oldest first. The cursor walks past SonarQube's "
                                        + "10,000-result cap by windowing on creation date.")
                        .domain("issues").params(SEARCH_FILTERS)
                        .call("api/issues/search").organization().fixed("additionalFields", "_all")
                        .custom(true, ISSUE_FIELDS, action -> run -> searchWindowed(action, run)),

                Action.read("sonarcloud_get_issue", "/actions/issues/{issue_key}", "Get an issue",
                                "One issue by key, with its rule and component names.")
                        .domain("issues").params(issueKey("issues"))
                        .call("api/issues/search").organization().fixed("additionalFields", "_all")
                        .custom(false, ISSUE_FIELDS, action -> run -> {
                            JsonNode body = run.callJson(action.request(run, Map.of()));
                            JsonNode issue = body.path("issues").path(0);
                            if (issue.isMissingNode()) {
                                throw ApiException.notFound("No issue '" + run.input("issue_key") + "' in this organization");
                            }
                            return new ActionResult(ISSUE_WITH_NAMES.map(issue, body), null, body);
                        }),

                Action.write("sonarcloud_transition_issue", HttpMethod.POST, "/actions/issues/{issue_key}/transition",
                                "Transition an issue", "Applies a workflow transition (confirm, resolve, falsepositive, "
                                        + "accept, wontfix, reopen, …) and answers the updated issue.")
                        .domain("issues")
                        .params(issueKey("issue"),
                                Param.string("transition", "Transition").required()
                                        .oneOf("confirm", "unconfirm", "reopen", "resolve", "falsepositive", "wontfix",
                                                "accept", "close"),
                                Param.string("comment", "Optional comment added with the transition"))
                        .call("api/issues/do_transition")
                        .object("issue", ISSUE_WITH_NAMES, ISSUE_FIELDS),

                Action.write("sonarcloud_add_issue_comment", HttpMethod.POST, "/actions/issues/{issue_key}/comments",
                                "Comment on an issue", "Adds a comment (Markdown) and answers the updated issue.")
                        .domain("issues")
                        .params(issueKey("issue"),
                                Param.string("text", "Comment text (Markdown)").required())
                        .call("api/issues/add_comment")
                        .object("issue", ISSUE_WITH_NAMES, ISSUE_FIELDS),

                Action.write("sonarcloud_assign_issue", HttpMethod.POST, "/actions/issues/{issue_key}/assign",
                                "Assign an issue", "Assigns the issue to a login, or unassigns it when assignee is absent.")
                        .domain("issues")
                        .params(issueKey("issue"),
                                Param.string("assignee", "Login of the new assignee; absent to unassign"))
                        .call("api/issues/assign")
                        .object("issue", ISSUE_WITH_NAMES, ISSUE_FIELDS),

                Action.write("sonarcloud_set_issue_tags", HttpMethod.POST, "/actions/issues/{issue_key}/tags",
                                "Set issue tags", "Replaces the issue's tags (an empty list clears them).")
                        .domain("issues")
                        .params(issueKey("issue"),
                                Param.list("tags", "The new tags"))
                        .call("api/issues/set_tags")
                        .custom(false, ISSUE_FIELDS, action -> run -> {
                            Map<String, String> extra = new LinkedHashMap<>();
                            extra.put("tags", run.input("tags") == null ? "" : run.input("tags"));
                            JsonNode body = run.callJson(action.request(run, extra));
                            return new ActionResult(ISSUE_WITH_NAMES.map(body.path("issue"), body), null, body);
                        }),

                Action.read("sonarcloud_get_issue_changelog", "/actions/issues/{issue_key}/changelog",
                                "Get an issue's changelog", "Every change of the issue: who, when, which fields.")
                        .domain("issues")
                        .params(issueKey("issue"))
                        .call("api/issues/changelog")
                        .list("changelog", Mapping.of("user", "userName", "isUserActive", "avatar",
                                "creationDate->created_at", "diffs", "externalUser", "webhookSource")));
    }

    /**
     * Walks issues oldest first. SonarQube refuses p*ps past 10,000, so when the next page would cross it the cursor
     * opens a new window at the creation second of the last issue returned ({@code createdAfter} is inclusive) and
     * starts that window after the issues of that second already returned. The cursor holds a few numbers however
     * many issues share a second (a real analysis often creates thousands at once): the window start ({@code w}),
     * how many of its results were consumed ({@code o}), the latest creation second ({@code t}) and how many issues
     * of that second were consumed ({@code n}). Like p/ps paging itself, this relies on SonarQube answering issues
     * that share a second in the same order from one call to the next.
     */
    static ActionResult searchWindowed(Action action, ActionRun run) {
        ObjectNode state = run.cursorState();
        String windowStart = state != null ? state.path("w").asString(null) : run.input("created_after");
        int size = state == null ? run.pageSize() : state.path("ps").asInt(run.pageSize());
        long offset = state == null ? 0 : state.path("o").asLong(0);
        String runSecond = state == null ? null : state.path("t").asString(null);
        long runCount = state == null ? 0 : state.path("n").asLong(0);
        long page = offset / size + 1;
        int drop = (int) (offset % size); // results of this page returned before (only right after a new window)

        Map<String, String> extra = new LinkedHashMap<>();
        if (windowStart != null) {
            extra.put("createdAfter", windowStart);
        }
        extra.put("s", "CREATION_DATE");
        extra.put("asc", "true");
        extra.put("p", Long.toString(page));
        extra.put("ps", Integer.toString(size));
        JsonNode body = run.callJson(action.request(run, extra));
        JsonNode issues = body.path("issues");
        int count = Math.min(issues.size(), size); // never more than the page asked for
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        for (int i = drop; i < count; i++) {
            data.add(ISSUE_WITH_NAMES.map(issues.path(i), body));
        }
        long total = Action.total(body);
        boolean more = count > 0 && (total < 0 ? count >= size : page * size < total);
        if (!more) {
            return new ActionResult(data, null, body);
        }
        String lastSecond = second(issues.path(count - 1));
        long atLastSecond = lastSecond.equals(runSecond) ? runCount : 0;
        for (int i = drop; i < count; i++) {
            if (lastSecond.equals(second(issues.path(i)))) {
                atLastSecond++;
            }
        }
        long consumed = (page - 1) * size + count;
        ObjectNode next = JsonNodeFactory.instance.objectNode().put("ps", size).put("t", lastSecond)
                .put("n", atLastSecond);
        if ((consumed / size + 1) * size <= Action.SONAR_RESULT_CAP) {
            if (windowStart != null) {
                next.put("w", windowStart);
            }
            next.put("o", consumed);
        } else {
            if ((atLastSecond / size + 1) * size > Action.SONAR_RESULT_CAP) {
                throw new ApiException(502, "provider_error", "Bad gateway",
                        "More than 10,000 issues share one creation second; narrow the search with filters",
                        null, null, null);
            }
            next.put("w", lastSecond);
            next.put("o", atLastSecond);
        }
        return new ActionResult(data, run.cursor(next), body);
    }

    /** The creation second of an issue in SonarQube's parameter format (offsets differ, instants compare). */
    private static String second(JsonNode issue) {
        return second(issue.path("creationDate").asString(""));
    }

    private static String second(String sonarDateTime) {
        var parsed = Normalize.parseSonarDateTime(sonarDateTime);
        if (parsed == null) {
            throw new ApiException(502, "provider_error", "Bad gateway",
                    "SonarQube Cloud answered an issue without a readable creation date", null, null, null);
        }
        return Normalize.sonarDateTime(parsed);
    }
}
