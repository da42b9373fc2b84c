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
 * Access reviews and administration: the organization's groups and their members, organization and project
 * permissions of groups and users, permission templates, and the token owner's own tokens. All but the tokens need
 * Administer on the organization (SonarQube answers 403 otherwise).
 */
@Component
public class AccessActions implements ActionCatalog {

    static final String GROUP_NAME = "[^\\u0000-\\u001f]{1,255}";
    static final String LOGIN = "[A-Za-z0-9_.@-]{1,255}";
    static final String TEMPLATE_ID = "[A-Za-z0-9_.:-]{1,100}";
    /** Organization permissions on SonarQube Cloud, then those of a project. */
    static final String[] PERMISSIONS = {"admin", "gateadmin", "profileadmin", "scan", "provisioning", "codeviewer",
            "issueadmin", "securityhotspotadmin", "user"};

    static final Mapping GROUP = Mapping.of("id", "name", "description", "membersCount", "default");
    static final Mapping MEMBER = Mapping.of("login", "name", "selected");
    static final Mapping USER_GROUP = Mapping.of("id", "name", "description", "selected", "default");
    static final Mapping GROUP_PERMISSIONS = Mapping.of("id", "name", "description", "permissions");
    static final Mapping USER_PERMISSIONS = Mapping.of("login", "name", "email", "permissions");
    static final Mapping TEMPLATE = Mapping.of("id", "name", "description", "projectKeyPattern",
            "createdAt->created_at", "updatedAt->updated_at", "permissions");
    static final Mapping TOKEN = Mapping.of("name", "type", "createdAt->created_at",
            "lastConnectionDate->last_connection_at", "expirationDate->expires_at", "isExpired");

    private static Param groupName(String name) {
        return Param.string(name, "Group name").required().matching(GROUP_NAME);
    }

    private static Param permission() {
        return Param.string("permission", "Permission: admin, gateadmin, profileadmin, scan, provisioning for the "
                + "organization; admin, codeviewer, issueadmin, securityhotspotadmin, scan, user for a project")
                .required().oneOf(PERMISSIONS);
    }

    private static Param projectScope() {
        return Param.string("project_key", "Project key: the project's permissions instead of the organization's")
                .matching(CommonParams.COMPONENT_KEY);
    }

    private static Param templateId() {
        return Param.string("template_id", "Permission template id").required().matching(TEMPLATE_ID)
                .sonar("templateId");
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_groups", "/actions/groups", "List groups",
                                "The organization's groups with their member counts.")
                        .domain("groups").params(Param.string("q", "Part of the group name"))
                        .call("api/user_groups/search").organization().permission(SonarPermission.ADMINISTER)
                        .pages("groups", GROUP),

                Action.write("sonarcloud_create_group", HttpMethod.POST, "/actions/groups", "Create a group",
                                "Creates a group in the organization and answers it.")
                        .domain("groups")
                        .params(groupName("name"), Param.string("description", "Description").matching(".{0,200}"))
                        .call("api/user_groups/create").organization().permission(SonarPermission.ADMINISTER)
                        .object("group", GROUP),

                Action.write("sonarcloud_update_group", HttpMethod.PATCH, "/actions/groups/{group_name}",
                                "Update a group", "Renames a group or changes its description, and answers it.")
                        .domain("groups")
                        .params(groupName("group_name").sonar("currentName"),
                                Param.string("name", "New name").matching(GROUP_NAME),
                                Param.string("description", "New description").matching(".{0,200}"))
                        .call("api/user_groups/update").organization().permission(SonarPermission.ADMINISTER)
                        .object("group", GROUP),

                Action.write("sonarcloud_delete_group", HttpMethod.DELETE, "/actions/groups/{group_name}",
                                "Delete a group", "Deletes a group (not the default one); its members lose what it granted.")
                        .domain("groups").params(groupName("group_name").sonar("name"))
                        .call("api/user_groups/delete").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("group_name"), Acknowledged.handler("group_name")),

                Action.read("sonarcloud_list_group_members", "/actions/groups/{group_name}/members",
                                "List group members",
                                "Members of a group (selected=selected), the organization's users outside it "
                                        + "(deselected) or both (all).")
                        .domain("groups")
                        .params(groupName("group_name").sonar("name"), Param.string("q", "Part of login or name"),
                                Param.string("selected", "Which users").oneOf("selected", "deselected", "all"))
                        .call("api/user_groups/users").organization().permission(SonarPermission.ADMINISTER)
                        .pages("users", MEMBER),

                Action.write("sonarcloud_add_group_member", HttpMethod.POST, "/actions/groups/{group_name}/members",
                                "Add a group member", "Adds a user (an organization member) to a group.")
                        .domain("groups")
                        .params(groupName("group_name").sonar("name"),
                                Param.string("login", "User login").required().matching(LOGIN))
                        .call("api/user_groups/add_user").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("group_name", "login"), Acknowledged.handler("group_name", "login")),

                Action.write("sonarcloud_remove_group_member", HttpMethod.DELETE,
                                "/actions/groups/{group_name}/members/{login}", "Remove a group member",
                                "Removes a user from a group.")
                        .domain("groups")
                        .params(groupName("group_name").sonar("name"),
                                Param.string("login", "User login").required().matching(LOGIN))
                        .call("api/user_groups/remove_user").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("group_name", "login"), Acknowledged.handler("group_name", "login")),

                Action.read("sonarcloud_list_user_groups_of_user", "/actions/users/{login}/groups",
                                "List a user's groups", "The groups a user belongs to (or, with selected, is outside of).")
                        .domain("groups")
                        .params(Param.string("login", "User login").required().matching(LOGIN),
                                Param.string("q", "Part of the group name"),
                                Param.string("selected", "Which groups").oneOf("selected", "deselected", "all"))
                        .call("api/users/groups").organization().permission(SonarPermission.ADMINISTER)
                        .pages("groups", USER_GROUP),

                Action.read("sonarcloud_list_group_permissions", "/actions/permissions/groups",
                                "List group permissions",
                                "Groups with their permissions on the organization, or on a project when "
                                        + "project_key is given (access reviews).")
                        .domain("permissions")
                        .params(projectScope().sonar("projectKey"),
                                Param.string("permission", "Only groups holding this permission").oneOf(PERMISSIONS),
                                Param.string("q", "Part of the group name"))
                        .call("api/permissions/groups").organization().permission(SonarPermission.ADMINISTER)
                        .pages("groups", GROUP_PERMISSIONS),

                Action.read("sonarcloud_list_user_permissions", "/actions/permissions/users",
                                "List user permissions",
                                "Users with their permissions on the organization, or on a project when "
                                        + "project_key is given (access reviews).")
                        .domain("permissions")
                        .params(projectScope().sonar("projectKey"),
                                Param.string("permission", "Only users holding this permission").oneOf(PERMISSIONS),
                                Param.string("q", "Part of login or name"))
                        .call("api/permissions/users").organization().permission(SonarPermission.ADMINISTER)
                        .pages("users", USER_PERMISSIONS),

                permissionWrite("sonarcloud_grant_group_permission", "/actions/permissions/groups",
                        "Grant a group permission", "Grants a permission to a group, on the organization or on a project.",
                        "api/permissions/add_group", groupName("group_name").sonar("groupName"), false),
                permissionWrite("sonarcloud_revoke_group_permission", "/actions/permissions/groups/revoke",
                        "Revoke a group permission", "Revokes a group's permission, on the organization or on a project.",
                        "api/permissions/remove_group", groupName("group_name").sonar("groupName"), true),
                permissionWrite("sonarcloud_grant_user_permission", "/actions/permissions/users",
                        "Grant a user permission", "Grants a permission to a user, on the organization or on a project.",
                        "api/permissions/add_user", Param.string("login", "User login").required().matching(LOGIN), false),
                permissionWrite("sonarcloud_revoke_user_permission", "/actions/permissions/users/revoke",
                        "Revoke a user permission", "Revokes a user's permission, on the organization or on a project.",
                        "api/permissions/remove_user", Param.string("login", "User login").required().matching(LOGIN),
                        true),

                Action.read("sonarcloud_list_permission_templates", "/actions/permission_templates",
                                "List permission templates",
                                "The organization's permission templates with the count of users and groups per permission.")
                        .domain("permissions").params(Param.string("q", "Part of the template name"))
                        .call("api/permissions/search_templates").organization().permission(SonarPermission.ADMINISTER)
                        .list("permissionTemplates", TEMPLATE),

                Action.write("sonarcloud_create_permission_template", HttpMethod.POST, "/actions/permission_templates",
                                "Create a permission template",
                                "Creates a permission template; project_key_pattern (a Java regular expression) "
                                        + "applies it to new projects whose key matches.")
                        .domain("permissions")
                        .params(Param.string("name", "Template name").required().matching(".{1,100}"),
                                Param.string("description", "Description").matching(".{0,400}"),
                                Param.string("project_key_pattern", "Project key pattern").matching(".{1,400}"))
                        .call("api/permissions/create_template").organization().permission(SonarPermission.ADMINISTER)
                        .object("permissionTemplate", TEMPLATE),

                Action.write("sonarcloud_update_permission_template", HttpMethod.PATCH,
                                "/actions/permission_templates/{template_id}", "Update a permission template",
                                "Changes a template's name, description or project key pattern.")
                        .domain("permissions")
                        .params(templateId().sonar("id"), Param.string("name", "New name").matching(".{1,100}"),
                                Param.string("description", "New description").matching(".{0,400}"),
                                Param.string("project_key_pattern", "New project key pattern").matching(".{1,400}"))
                        .call("api/permissions/update_template").organization().permission(SonarPermission.ADMINISTER)
                        .object("permissionTemplate", TEMPLATE),

                Action.write("sonarcloud_delete_permission_template", HttpMethod.DELETE,
                                "/actions/permission_templates/{template_id}", "Delete a permission template",
                                "Deletes a permission template (not the default one).")
                        .domain("permissions").params(templateId())
                        .call("api/permissions/delete_template").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("template_id"), Acknowledged.handler("template_id")),

                Action.write("sonarcloud_apply_permission_template", HttpMethod.POST,
                                "/actions/permission_templates/{template_id}/apply", "Apply a permission template",
                                "Replaces a project's permissions with those of the template.")
                        .domain("permissions").destructive()
                        .params(templateId(), CommonParams.componentKey("project_key", "Project key", "projectKey"))
                        .call("api/permissions/apply_template").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("template_id", "project_key"),
                                Acknowledged.handler("template_id", "project_key")),

                Action.write("sonarcloud_add_group_to_permission_template", HttpMethod.POST,
                                "/actions/permission_templates/{template_id}/groups",
                                "Add a group to a permission template",
                                "Projects created with the template grant the permission to the group.")
                        .domain("permissions")
                        .params(templateId(), groupName("group_name").sonar("groupName"),
                                Param.string("permission", "Project permission").required()
                                        .oneOf("admin", "codeviewer", "issueadmin", "securityhotspotadmin", "scan", "user"))
                        .call("api/permissions/add_group_to_template").organization()
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("template_id", "group_name", "permission"),
                                Acknowledged.handler("template_id", "group_name", "permission")),

                Action.write("sonarcloud_set_default_permission_template", HttpMethod.POST,
                                "/actions/permission_templates/{template_id}/default",
                                "Set the default permission template", "New projects get this template's permissions.")
                        .domain("permissions").params(templateId())
                        .call("api/permissions/set_default_template").organization().fixed("qualifier", "TRK")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("template_id"), Acknowledged.handler("template_id")),

                Action.read("sonarcloud_list_user_tokens", "/actions/user_tokens", "List my tokens",
                                "The token owner's own tokens: names, types, last use and expiry (never the secrets).")
                        .domain("organizations")
                        .call("api/user_tokens/search").permission(SonarPermission.NONE)
                        .list("userTokens", TOKEN),

                Action.write("sonarcloud_revoke_user_token", HttpMethod.DELETE, "/actions/user_tokens/{name}",
                                "Revoke one of my tokens",
                                "Revokes a token of the token owner by name (revoking the linked token itself makes "
                                        + "the account unusable).")
                        .domain("organizations")
                        .params(Param.string("name", "Token name").required().matching(".{1,100}"))
                        .call("api/user_tokens/revoke").permission(SonarPermission.NONE)
                        .custom(Acknowledged.fields("name"), Acknowledged.handler("name")));
    }

    private static ActionDefinition permissionWrite(String id, String route, String label, String description,
                                                    String upstream, Param who, boolean revoke) {
        Action action = Action.write(id, HttpMethod.POST, route, label, description).domain("permissions");
        if (revoke) {
            action.destructive();
        }
        return action.params(who, permission(), projectScope().sonar("projectKey"))
                .call(upstream).organization().permission(SonarPermission.ADMINISTER)
                .custom(Acknowledged.fields(who.name(), "permission", "project_key"),
                        Acknowledged.handler(who.name(), "permission", "project_key"));
    }
}
