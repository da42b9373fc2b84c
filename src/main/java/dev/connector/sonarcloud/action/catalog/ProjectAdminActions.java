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

/**
 * Project administration: create, delete, re-key and change the visibility of projects; their tags, links and
 * settings; new code periods; branches and pull requests; the DevOps platform binding. Writes need Administer on
 * the project (creating one needs Create Projects on the organization).
 */
@Component
public class ProjectAdminActions implements ActionCatalog {

    static final Mapping CREATED = Mapping.of("key", "name", "qualifier", "visibility");
    static final Mapping LINK = Mapping.of("id", "name", "type", "url");
    static final Mapping SETTING = Mapping.of("key", "value", "values", "fieldValues", "inherited");
    static final Mapping DEFINITION = Mapping.of("key", "name", "description", "type", "category", "subCategory",
            "defaultValue", "multiValues", "options");
    static final Mapping NEW_CODE = Mapping.of("projectKey->project_key", "branchKey->branch", "type", "value",
            "effectiveValue", "inherited");
    static final Mapping FINDING = Mapping.of("key", "projectKey->project_key", "branch", "path", "lineNumber->line",
            "message", "status", "ruleReference->rule", "type", "severity", "createdAt->created_at",
            "updatedAt->updated_at");

    private static Param project() {
        return CommonParams.componentKey("project_key", "Project key", "project");
    }

    private static Param branchInPath() {
        return Param.string("branch", "Branch name").required().matching(".{1,255}");
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.write("sonarcloud_create_project", HttpMethod.POST, "/actions/projects", "Create a project",
                                "Creates a project in the organization (no analysis yet) and answers it.")
                        .domain("projects")
                        .params(Param.string("project_key", "Key of the new project").required()
                                        .matching("[A-Za-z0-9_.:-]{1,400}").sonar("project"),
                                Param.string("name", "Display name").required().matching(".{1,500}"),
                                Param.string("visibility", "Visibility (default: the organization's)")
                                        .oneOf("public", "private"),
                                Param.string("new_code_definition_type", "New code definition")
                                        .oneOf("PREVIOUS_VERSION", "NUMBER_OF_DAYS", "REFERENCE_BRANCH"),
                                Param.string("new_code_definition_value", "Its value (days, or a branch name)")
                                        .matching(".{1,255}"))
                        .call("api/projects/create").organization().permission(SonarPermission.ADMINISTER)
                        .object("project", CREATED),

                Action.write("sonarcloud_delete_project", HttpMethod.DELETE, "/actions/projects/{project_key}",
                                "Delete a project", "Deletes a project with all its analyses, issues and settings.")
                        .domain("projects").params(project())
                        .call("api/projects/delete").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key"), Acknowledged.handler("project_key")),

                Action.write("sonarcloud_update_project_visibility", HttpMethod.POST,
                                "/actions/projects/{project_key}/visibility", "Change a project's visibility",
                                "Makes a project public or private (public exposes its code and issues to anyone).")
                        .domain("projects").destructive()
                        .params(project(), Param.string("visibility", "New visibility").required()
                                .oneOf("public", "private"))
                        .call("api/projects/update_visibility").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "visibility"),
                                Acknowledged.handler("project_key", "visibility")),

                Action.write("sonarcloud_update_project_key", HttpMethod.POST, "/actions/projects/{project_key}/key",
                                "Change a project's key",
                                "Gives a project a new key (analyses must use the new key afterwards).")
                        .domain("projects")
                        .params(CommonParams.componentKey("project_key", "Current project key", "from"),
                                Param.string("new_key", "New project key").required()
                                        .matching("[A-Za-z0-9_.:-]{1,400}").sonar("to"))
                        .call("api/projects/update_key").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "new_key"),
                                Acknowledged.handler("project_key", "new_key")),

                Action.read("sonarcloud_export_project_findings", "/actions/projects/{project_key}/findings",
                                "Export a project's findings",
                                "Every issue and security hotspot of a branch or pull request in one answer, with no "
                                        + "10,000-result window (for full exports).")
                        .domain("projects")
                        .params(project(), CommonParams.branch(), CommonParams.pullRequest())
                        .call("api/projects/export_findings").permission(SonarPermission.ADMINISTER)
                        .list("export_findings", FINDING),

                Action.read("sonarcloud_list_project_tags", "/actions/project_tags", "List project tags",
                                "Tags used on the organization's projects.")
                        .domain("projects")
                        .params(Param.string("q", "Part of the tag"),
                                Param.integer("max", "At most this many tags (default 10)", 1, 100).sonar("ps"))
                        .call("api/project_tags/search").organization().permission(SonarPermission.ORGANIZATION_MEMBER)
                        .object("", Mapping.of("tags")),

                Action.write("sonarcloud_set_project_tags", HttpMethod.POST, "/actions/projects/{project_key}/tags",
                                "Set project tags", "Replaces a project's tags (an empty list clears them).")
                        .domain("projects")
                        .params(project(), Param.list("tags", "The new tags (lowercase letters, digits, + - # .)"))
                        .call("api/project_tags/set").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "tags"), Acknowledged.handler("project_key", "tags")),

                Action.read("sonarcloud_list_project_links", "/actions/projects/{project_key}/links",
                                "List project links", "A project's links (homepage, CI, issue tracker, …).")
                        .domain("projects")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"))
                        .call("api/project_links/search").permission(SonarPermission.BROWSE)
                        .list("links", LINK),

                Action.write("sonarcloud_create_project_link", HttpMethod.POST, "/actions/projects/{project_key}/links",
                                "Create a project link", "Adds a link to a project and answers it.")
                        .domain("projects")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                Param.string("name", "Link name").required().matching(".{1,128}"),
                                Param.string("url", "Link URL").required().matching(WebhookActions.WEBHOOK_URL))
                        .call("api/project_links/create").permission(SonarPermission.ADMINISTER)
                        .object("link", LINK),

                Action.write("sonarcloud_delete_project_link", HttpMethod.DELETE, "/actions/project_links/{link_id}",
                                "Delete a project link", "Removes a link of a project.")
                        .domain("projects")
                        .params(Param.string("link_id", "Link id").required().matching("[A-Za-z0-9_.:-]{1,100}")
                                .sonar("id"))
                        .call("api/project_links/delete").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("link_id"), Acknowledged.handler("link_id")),

                Action.read("sonarcloud_get_settings", "/actions/settings", "Get settings",
                                "Setting values of the organization, or of a project when component is given.")
                        .domain("settings")
                        .params(Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY),
                                Param.list("keys", "Setting keys, e.g. sonar.exclusions"))
                        .call("api/settings/values").organization().permission(SonarPermission.BROWSE)
                        .list("settings", SETTING),

                Action.write("sonarcloud_set_setting", HttpMethod.POST, "/actions/settings", "Set a setting",
                                "Sets a setting of the organization, or of a project when component is given: value "
                                        + "for a single value, values for a multi-value setting.")
                        .domain("settings")
                        .params(Param.string("key", "Setting key").required().matching("[A-Za-z0-9_.-]{1,200}"),
                                Param.string("value", "Value"), Param.list("values", "Values"),
                                Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY))
                        .call("api/settings/set").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("key", "component"), Acknowledged.handler("key", "component")),

                Action.write("sonarcloud_reset_setting", HttpMethod.POST, "/actions/settings/reset",
                                "Reset settings", "Resets settings to their inherited or default values.")
                        .domain("settings").destructive()
                        .params(Param.list("keys", "Setting keys").required(),
                                Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY))
                        .call("api/settings/reset").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("keys", "component"), Acknowledged.handler("keys", "component")),

                Action.read("sonarcloud_list_setting_definitions", "/actions/settings/definitions",
                                "List setting definitions", "The settings that exist, with types and defaults.")
                        .domain("settings")
                        .params(Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY))
                        .call("api/settings/list_definitions").organization().permission(SonarPermission.BROWSE)
                        .list("definitions", DEFINITION),

                Action.read("sonarcloud_get_organization_devops_binding", "/actions/organization/devops_binding",
                                "Get the organization's DevOps binding",
                                "The GitHub, GitLab, Bitbucket or Azure DevOps organization the SonarQube Cloud "
                                        + "organization is bound to.")
                        .domain("organizations")
                        .call("api/alm_integration/show_bound_organization").organization()
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .object("", Mapping.of("key", "alm", "almId", "url", "membersSync", "personal")),

                Action.read("sonarcloud_get_project_devops_binding", "/actions/projects/{project_key}/devops_binding",
                                "Is the project bound to a repository",
                                "Whether the project is bound to a repository (needed for pull request decoration).")
                        .domain("projects").params(project())
                        .call("api/alm_integration/is_project_bound").permission(SonarPermission.BROWSE)
                        .object("", Mapping.of("isBound")),

                Action.read("sonarcloud_get_new_code_period", "/actions/projects/{project_key}/new_code_period",
                                "Get the new code period",
                                "The new code definition that applies to a project's branch (main branch by default).")
                        .domain("new_code").params(project(), CommonParams.branch())
                        .call("api/new_code_periods/show").permission(SonarPermission.BROWSE)
                        .object("", NEW_CODE),

                Action.read("sonarcloud_list_new_code_periods", "/actions/projects/{project_key}/new_code_periods",
                                "List new code periods", "The new code definition of each branch of a project.")
                        .domain("new_code").params(project())
                        .call("api/new_code_periods/list").permission(SonarPermission.BROWSE)
                        .list("newCodePeriods", NEW_CODE),

                Action.write("sonarcloud_set_new_code_period", HttpMethod.POST,
                                "/actions/projects/{project_key}/new_code_period", "Set the new code period",
                                "Sets the new code definition of a project or one branch: PREVIOUS_VERSION, "
                                        + "NUMBER_OF_DAYS (value: 1-90), SPECIFIC_ANALYSIS (value: analysis key, branch "
                                        + "only) or REFERENCE_BRANCH (value: branch name).")
                        .domain("new_code")
                        .params(project(), CommonParams.branch(),
                                Param.string("type", "New code definition").required()
                                        .oneOf("PREVIOUS_VERSION", "NUMBER_OF_DAYS", "SPECIFIC_ANALYSIS",
                                                "REFERENCE_BRANCH"),
                                Param.string("value", "Days, analysis key or branch name").matching(".{1,255}"))
                        .call("api/new_code_periods/set").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "branch", "type", "value"),
                                Acknowledged.handler("project_key", "branch", "type", "value")),

                Action.write("sonarcloud_unset_new_code_period", HttpMethod.DELETE,
                                "/actions/projects/{project_key}/new_code_period", "Unset the new code period",
                                "Removes a project's (or branch's) own new code definition: the inherited one applies.")
                        .domain("new_code").params(project(), CommonParams.branch())
                        .call("api/new_code_periods/unset").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "branch"),
                                Acknowledged.handler("project_key", "branch")),

                Action.write("sonarcloud_delete_branch", HttpMethod.DELETE,
                                "/actions/projects/{project_key}/branches/{branch}", "Delete a branch",
                                "Deletes a branch's analyses (not the main branch).")
                        .domain("branches").params(project(), branchInPath())
                        .call("api/project_branches/delete").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "branch"),
                                Acknowledged.handler("project_key", "branch")),

                Action.write("sonarcloud_rename_main_branch", HttpMethod.POST,
                                "/actions/projects/{project_key}/main_branch/rename", "Rename the main branch",
                                "Renames a project's main branch.")
                        .domain("branches")
                        .params(project(), Param.string("name", "New name").required().matching(".{1,255}"))
                        .call("api/project_branches/rename").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "name"), Acknowledged.handler("project_key", "name")),

                Action.write("sonarcloud_set_main_branch", HttpMethod.POST, "/actions/projects/{project_key}/main_branch",
                                "Set the main branch", "Makes another analyzed branch the project's main branch.")
                        .domain("branches")
                        .params(project(), Param.string("branch", "Branch name").required().matching(".{1,255}"))
                        .call("api/project_branches/set_main").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "branch"),
                                Acknowledged.handler("project_key", "branch")),

                Action.write("sonarcloud_set_branch_deletion_protection", HttpMethod.POST,
                                "/actions/projects/{project_key}/branches/{branch}/protection",
                                "Protect a branch from automatic deletion",
                                "true keeps an inactive branch from being purged; false lets it be purged.")
                        .domain("branches")
                        .params(project(), branchInPath(), Param.bool("value", "Keep the branch").required())
                        .call("api/project_branches/set_automatic_deletion_protection")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "branch", "value"),
                                Acknowledged.handler("project_key", "branch", "value")),

                Action.write("sonarcloud_delete_pull_request", HttpMethod.DELETE,
                                "/actions/projects/{project_key}/pull_requests/{pull_request}",
                                "Delete a pull request analysis", "Deletes the analysis of a pull request.")
                        .domain("branches")
                        .params(project(), Param.string("pull_request", "Pull request id").required()
                                .matching(".{1,255}"))
                        .call("api/project_pull_requests/delete").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "pull_request"),
                                Acknowledged.handler("project_key", "pull_request")),

                Action.read("sonarcloud_get_pull_request_quality_gate_status",
                                "/actions/projects/{project_key}/pull_requests/{pull_request}/quality_gate",
                                "Get a pull request's quality gate status",
                                "The pull request decoration verdict: the gate status and each failing or passing "
                                        + "condition. Kept on api/qualitygates/project_status (see "
                                        + "sonarcloud_get_project_quality_gate_status).")
                        .domain("quality_gates")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                Param.string("pull_request", "Pull request id").required().matching(".{1,255}"))
                        .call("api/qualitygates/project_status").permission(SonarPermission.BROWSE)
                        .object("projectStatus", QualityGateActions.PROJECT_STATUS));
    }
}
