package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Triage beyond one issue at a time: bulk changes, comment edits, tag and author vocabularies, hotspot comments. */
@Component
public class TriageActions implements ActionCatalog {

    static final String COMMENT_KEY = "[A-Za-z0-9_.:-]{1,200}";
    static final String HOTSPOT_KEY = "[A-Za-z0-9_.:-]{1,100}";

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.write("sonarcloud_bulk_change_issues", HttpMethod.POST, "/actions/issues/bulk_change",
                                "Change issues in bulk",
                                "Applies tags, an assignee, a transition and/or a comment to up to 500 issues at once; "
                                        + "answers how many succeeded, were ignored or failed.")
                        .domain("issues")
                        .params(Param.list("issues", "Issue keys (at most 500)").required(),
                                Param.list("add_tags", "Tags to add").sonar("add_tags"),
                                Param.list("remove_tags", "Tags to remove").sonar("remove_tags"),
                                Param.string("assign", "Login of the new assignee ('' to unassign)"),
                                Param.string("do_transition", "Transition").sonar("do_transition")
                                        .oneOf("confirm", "unconfirm", "reopen", "resolve", "falsepositive", "wontfix",
                                                "accept"),
                                Param.string("comment", "Comment added to each issue"),
                                Param.bool("send_notifications", "Notify assignees and subscribers"))
                        .call("api/issues/bulk_change").permission(SonarPermission.BROWSE)
                        .object("", Mapping.of("total", "success", "ignored", "failures")),

                Action.write("sonarcloud_edit_issue_comment", HttpMethod.PATCH, "/actions/issue_comments/{comment_key}",
                                "Edit an issue comment", "Replaces the text of one of the token owner's comments and "
                                        + "answers the issue.")
                        .domain("issues")
                        .params(Param.string("comment_key", "Comment key").required().matching(COMMENT_KEY)
                                        .sonar("comment"),
                                Param.string("text", "New text (Markdown)").required())
                        .call("api/issues/edit_comment").permission(SonarPermission.BROWSE)
                        .object("issue", IssueActions.ISSUE_WITH_NAMES, IssueActions.ISSUE_FIELDS),

                Action.write("sonarcloud_delete_issue_comment", HttpMethod.DELETE,
                                "/actions/issue_comments/{comment_key}", "Delete an issue comment",
                                "Deletes one of the token owner's comments and answers the issue.")
                        .domain("issues")
                        .params(Param.string("comment_key", "Comment key").required().matching(COMMENT_KEY)
                                .sonar("comment"))
                        .call("api/issues/delete_comment").permission(SonarPermission.BROWSE)
                        .object("issue", IssueActions.ISSUE_WITH_NAMES, IssueActions.ISSUE_FIELDS),

                Action.read("sonarcloud_list_issue_tags", "/actions/issue_tags", "List issue tags",
                                "Tags used on issues of the organization or of one project.")
                        .domain("issues")
                        .params(Param.string("project", "Project key").matching(CommonParams.COMPONENT_KEY),
                                CommonParams.branch(), Param.string("q", "Part of the tag"),
                                Param.integer("max", "At most this many tags (default 10)", 1, 500).sonar("ps"))
                        .call("api/issues/tags").organization().permission(SonarPermission.BROWSE)
                        .object("", Mapping.of("tags")),

                Action.read("sonarcloud_list_issue_authors", "/actions/issue_authors", "List issue authors",
                                "SCM authors of issues of the organization or of one project.")
                        .domain("issues")
                        .params(Param.string("project", "Project key").matching(CommonParams.COMPONENT_KEY),
                                Param.string("q", "Part of the author"),
                                Param.integer("max", "At most this many authors (default 10)", 1, 100).sonar("ps"))
                        .call("api/issues/authors").organization().permission(SonarPermission.BROWSE)
                        .object("", Mapping.of("authors")),

                Action.write("sonarcloud_add_hotspot_comment", HttpMethod.POST, "/actions/hotspots/{hotspot_key}/comments",
                                "Comment on a hotspot", "Adds a comment to a security hotspot.")
                        .domain("hotspots")
                        .params(Param.string("hotspot_key", "Hotspot key").required().matching(HOTSPOT_KEY)
                                        .sonar("hotspot"),
                                Param.string("comment", "Comment text").required())
                        .call("api/hotspots/add_comment").permission(SonarPermission.BROWSE)
                        .custom(Acknowledged.fields("hotspot_key"), Acknowledged.handler("hotspot_key")),

                Action.write("sonarcloud_assign_hotspot", HttpMethod.POST, "/actions/hotspots/{hotspot_key}/assign",
                                "Assign a hotspot", "Assigns a security hotspot to a login (absent: unassigns it).")
                        .domain("hotspots")
                        .params(Param.string("hotspot_key", "Hotspot key").required().matching(HOTSPOT_KEY)
                                        .sonar("hotspot"),
                                Param.string("assignee", "Login of the new assignee"),
                                Param.string("comment", "Optional comment"))
                        .call("api/hotspots/assign").permission(SonarPermission.BROWSE)
                        .custom(Acknowledged.fields("hotspot_key", "assignee"),
                                Acknowledged.handler("hotspot_key", "assignee")),

                Action.read("sonarcloud_get_projects_measures", "/actions/measures", "Get measures of many projects",
                                "The same metrics for up to 100 projects in one call (portfolio dashboards).")
                        .domain("measures")
                        .params(Param.list("project_keys", "Project keys (at most 100)").required(),
                                Param.list("metric_keys", "Metric keys").required())
                        .call("api/measures/search").permission(SonarPermission.BROWSE)
                        .list("measures", Mapping.of("component", "metric", "value", "period", "bestValue")));
    }
}
