package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Access administration: groups, permissions, permission templates, a user's groups and tokens. Shapes follow the
 * examples of SonarSource's Web API documentation for {@code api/user_groups/*}, {@code api/permissions/*},
 * {@code api/users/groups} and {@code api/user_tokens/*} (see {@code sonar-fixtures/SOURCES.md}). Every organization
 * has the same seeded groups and templates; writes answer as SonarQube does but change nothing.
 */
final class AdminEndpoints {

    record Group(String id, String name, String description, boolean isDefault, List<String> members,
                 List<String> permissions) {
    }

    static final List<Group> GROUPS = List.of(
            new Group("AU-Tpxb--iU5OvuD2FLy", "Members", "All members of the organization", true,
                    List.of("jdoe", "mmember", "ada.lovelace"), List.of("scan", "provisioning")),
            new Group("AU-Tpxb--iU5OvuD2FLz", "Owners", "Owners of the organization", false,
                    List.of("jdoe"), List.of("admin", "gateadmin", "profileadmin", "scan", "provisioning")),
            new Group("AU-Tpxb--iU5OvuD2FM0", "developers", "Developers of the platform team", false,
                    List.of("ada.lovelace", "mmember"), List.of("scan")));

    static final List<String> USERS = List.of("ada.lovelace", "jdoe", "mmember");

    /** Organization-level permissions on SonarQube Cloud, then project-level ones. */
    static final List<String> ORGANIZATION_PERMISSIONS = List.of("admin", "gateadmin", "profileadmin", "scan",
            "provisioning");
    static final List<String> PROJECT_PERMISSIONS = List.of("admin", "codeviewer", "issueadmin",
            "securityhotspotadmin", "scan", "user");

    record Template(String id, String name, String description, String pattern) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template("AU-template-default", "Default template", "Applied to every new project", null),
            new Template("AU-template-private", "Private projects", "Projects of the finance unit", "finance_.*"));

    private AdminEndpoints() {
    }

    // ---- groups

    static Reply searchGroups(Call call) {
        Paging paging = Paging.parse(call.request(), 100, 500);
        String q = call.param("q");
        List<Group> found = GROUPS.stream().filter(g -> matches(g.name(), q)).toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(found.size()));
        ArrayNode groups = body.putArray("groups");
        paging.slice(found).forEach(group -> groups.add(group(group, null)));
        return Reply.json(Json.write(body));
    }

    static Reply createGroup(Call call) {
        String name = call.required("name");
        if (name.length() > 255) {
            throw SonarApiException.badRequest("'name' length (" + name.length() + ") is longer than the maximum authorized (255)");
        }
        if (findGroup(name) != null) {
            throw SonarApiException.badRequest("Group '" + name + "' already exists");
        }
        Group created = new Group(id("group", name), name, call.param("description"), false, List.of(), List.of());
        ObjectNode body = Json.object();
        body.set("group", group(created, call.organization()));
        return Reply.json(Json.write(body));
    }

    static Reply updateGroup(Call call) {
        Group group = existingGroup(call.required("currentName"));
        String name = call.param("name") != null ? call.param("name") : group.name();
        String description = call.param("description") != null ? call.param("description") : group.description();
        ObjectNode body = Json.object();
        body.set("group", group(new Group(group.id(), name, description, group.isDefault(), group.members(),
                group.permissions()), call.organization()));
        return Reply.json(Json.write(body));
    }

    static Reply deleteGroup(Call call) {
        Group group = existingGroup(call.required("name"));
        if (group.isDefault()) {
            throw SonarApiException.badRequest("Default group '" + group.name() + "' cannot be used to perform this action");
        }
        return Reply.noContent();
    }

    static Reply groupUsers(Call call) {
        Group group = existingGroup(call.required("name"));
        Paging paging = Paging.parse(call.request(), 25, 500);
        String selected = call.request().param("selected").orElse("selected");
        String q = call.param("q");
        List<String> logins = USERS.stream()
                .filter(login -> switch (selected) {
                    case "all" -> true;
                    case "deselected" -> !group.members().contains(login);
                    default -> group.members().contains(login);
                })
                .filter(login -> matches(login, q))
                .toList();
        ObjectNode body = Json.object();
        ArrayNode users = body.putArray("users");
        for (String login : paging.slice(logins)) {
            users.addObject().put("login", login).put("name", call.state().userName(login))
                    .put("selected", group.members().contains(login));
        }
        body.put("p", paging.page()).put("ps", paging.size()).put("total", logins.size());
        body.set("paging", paging.json(logins.size()));
        return Reply.json(Json.write(body));
    }

    static Reply addUser(Call call) {
        existingGroup(call.required("name"));
        existingUser(call.required("login"));
        return Reply.noContent();
    }

    static Reply removeUser(Call call) {
        Group group = existingGroup(call.required("name"));
        String login = existingUser(call.required("login"));
        if (group.name().equals("Owners") && group.members().size() == 1 && group.members().contains(login)) {
            throw SonarApiException.badRequest("The last administrator user cannot be removed");
        }
        return Reply.noContent();
    }

    /** {@code api/users/groups}: the groups of one user. */
    static Reply userGroups(Call call) {
        String login = existingUser(call.required("login"));
        Paging paging = Paging.parse(call.request(), 25, 500);
        String selected = call.request().param("selected").orElse("selected");
        List<Group> found = GROUPS.stream()
                .filter(g -> selected.equals("all") || g.members().contains(login) == selected.equals("selected"))
                .filter(g -> matches(g.name(), call.param("q")))
                .toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(found.size()));
        ArrayNode groups = body.putArray("groups");
        for (Group group : paging.slice(found)) {
            groups.addObject().put("id", group.id()).put("name", group.name()).put("description", group.description())
                    .put("selected", group.members().contains(login)).put("default", group.isDefault());
        }
        return Reply.json(Json.write(body));
    }

    // ---- permissions

    static Reply permissionGroups(Call call) {
        Paging paging = Paging.parse(call.request(), 20, 100);
        String permission = permission(call, false);
        boolean project = call.param("projectKey") != null;
        List<Group> found = GROUPS.stream()
                .filter(g -> matches(g.name(), call.param("q")))
                .filter(g -> permission == null || permissionsOf(g, project).contains(permission))
                .toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(found.size()));
        ArrayNode groups = body.putArray("groups");
        for (Group group : paging.slice(found)) {
            groups.addObject().put("id", group.id()).put("name", group.name()).put("description", group.description())
                    .set("permissions", Json.strings(permissionsOf(group, project)));
        }
        return Reply.json(Json.write(body));
    }

    static Reply permissionUsers(Call call) {
        Paging paging = Paging.parse(call.request(), 20, 100);
        String permission = permission(call, false);
        boolean project = call.param("projectKey") != null;
        List<String> found = USERS.stream()
                .filter(login -> matches(login, call.param("q")))
                .filter(login -> permission == null || userPermissions(login, project).contains(permission))
                .toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(found.size()));
        ArrayNode users = body.putArray("users");
        for (String login : paging.slice(found)) {
            users.addObject().put("login", login).put("name", call.state().userName(login))
                    .put("avatar", IssueJson.avatar(login))
                    .set("permissions", Json.strings(userPermissions(login, project)));
        }
        return Reply.json(Json.write(body));
    }

    static Reply changeGroupPermission(Call call) {
        permission(call, true);
        existingGroup(call.required("groupName"));
        return Reply.noContent();
    }

    static Reply changeUserPermission(Call call) {
        permission(call, true);
        existingUser(call.required("login"));
        return Reply.noContent();
    }

    /** The {@code permission} parameter, checked against the organization's or the project's permissions. */
    private static String permission(Call call, boolean required) {
        String permission = required ? call.required("permission") : call.param("permission");
        List<String> allowed = call.param("projectKey") != null ? PROJECT_PERMISSIONS : ORGANIZATION_PERMISSIONS;
        if (permission != null && !allowed.contains(permission)) {
            throw SonarApiException.badRequest("Value of parameter 'permission' (" + permission + ") must be one of: "
                    + allowed);
        }
        return permission;
    }

    private static List<String> permissionsOf(Group group, boolean project) {
        if (!project) {
            return group.permissions();
        }
        return group.name().equals("Owners") ? List.of("admin", "codeviewer", "issueadmin", "user")
                : List.of("codeviewer", "user");
    }

    private static List<String> userPermissions(String login, boolean project) {
        if (login.equals("jdoe")) {
            return project ? List.of("admin", "codeviewer", "issueadmin", "securityhotspotadmin", "user")
                    : List.of("admin", "gateadmin", "profileadmin", "scan");
        }
        return project ? List.of("codeviewer", "user") : List.of("scan");
    }

    // ---- permission templates

    static Reply searchTemplates(Call call) {
        String q = call.param("q");
        ObjectNode body = Json.object();
        ArrayNode templates = body.putArray("permissionTemplates");
        for (Template template : TEMPLATES) {
            if (matches(template.name(), q)) {
                ObjectNode json = template(template);
                ArrayNode permissions = json.putArray("permissions");
                for (String permission : PROJECT_PERMISSIONS) {
                    permissions.addObject().put("key", permission).put("usersCount", permission.equals("admin") ? 1 : 0)
                            .put("groupsCount", permission.equals("user") || permission.equals("codeviewer") ? 1 : 0)
                            .put("withProjectCreator", permission.equals("admin"));
                }
                templates.add(json);
            }
        }
        body.putArray("defaultTemplates").addObject().put("templateId", TEMPLATES.getFirst().id())
                .put("qualifier", "TRK");
        ArrayNode permissions = body.putArray("permissions");
        for (String permission : PROJECT_PERMISSIONS) {
            permissions.addObject().put("key", permission).put("name", permission)
                    .put("description", "Project permission '" + permission + "'");
        }
        return Reply.json(Json.write(body));
    }

    static Reply createTemplate(Call call) {
        String name = call.required("name");
        checkPattern(call.param("projectKeyPattern"));
        if (TEMPLATES.stream().anyMatch(t -> t.name().equalsIgnoreCase(name))) {
            throw SonarApiException.badRequest("A template with the name '" + name + "' already exists (case insensitive).");
        }
        ObjectNode body = Json.object();
        body.set("permissionTemplate", template(new Template(id("template", name), name, call.param("description"),
                call.param("projectKeyPattern"))));
        return Reply.json(Json.write(body));
    }

    static Reply updateTemplate(Call call) {
        Template template = existingTemplate(call.required("id"));
        checkPattern(call.param("projectKeyPattern"));
        Template updated = new Template(template.id(),
                call.param("name") != null ? call.param("name") : template.name(),
                call.param("description") != null ? call.param("description") : template.description(),
                call.param("projectKeyPattern") != null ? call.param("projectKeyPattern") : template.pattern());
        ObjectNode body = Json.object();
        body.set("permissionTemplate", template(updated));
        return Reply.json(Json.write(body));
    }

    static Reply deleteTemplate(Call call) {
        Template template = existingTemplate(call.required("templateId"));
        if (template == TEMPLATES.getFirst()) {
            throw SonarApiException.badRequest("It is not possible to delete the default permission template for projects");
        }
        return Reply.noContent();
    }

    static Reply applyTemplate(Call call) {
        existingTemplate(call.required("templateId"));
        return Reply.noContent();
    }

    static Reply addGroupToTemplate(Call call) {
        existingTemplate(call.required("templateId"));
        String permission = call.required("permission");
        if (!PROJECT_PERMISSIONS.contains(permission)) {
            throw SonarApiException.badRequest("Value of parameter 'permission' (" + permission + ") must be one of: "
                    + PROJECT_PERMISSIONS);
        }
        existingGroup(call.required("groupName"));
        return Reply.noContent();
    }

    static Reply setDefaultTemplate(Call call) {
        existingTemplate(call.required("templateId"));
        String qualifier = call.request().param("qualifier").orElse("TRK");
        if (!qualifier.equals("TRK")) {
            throw SonarApiException.badRequest("Value of parameter 'qualifier' (" + qualifier + ") must be one of: [TRK]");
        }
        return Reply.noContent();
    }

    private static ObjectNode template(Template template) {
        ObjectNode json = Json.object();
        json.put("id", template.id());
        json.put("name", template.name());
        if (template.description() != null) {
            json.put("description", template.description());
        }
        if (template.pattern() != null) {
            json.put("projectKeyPattern", template.pattern());
        }
        json.put("createdAt", "2024-03-04T10:11:12+0000");
        json.put("updatedAt", "2024-05-06T07:08:09+0000");
        return json;
    }

    private static void checkPattern(String pattern) {
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw SonarApiException.badRequest("The 'projectKeyPattern' parameter must be a valid Java regular expression. '"
                        + pattern + "' was passed");
            }
        }
    }

    // ---- tokens

    static Reply searchTokens(Call call) {
        ObjectNode body = Json.object();
        body.put("login", call.user().login());
        ArrayNode tokens = body.putArray("userTokens");
        tokens.addObject().put("name", "CI analysis").put("createdAt", "2025-01-15T10:00:00+0000")
                .put("lastConnectionDate", "2026-11-30T08:00:00+0000").put("type", "USER_TOKEN")
                .put("isExpired", false);
        tokens.addObject().put("name", "connector").put("createdAt", "2026-10-01T09:30:00+0000")
                .put("lastConnectionDate", "2026-12-01T12:00:00+0000").put("type", "USER_TOKEN")
                .put("expirationDate", "2027-01-01T00:00:00+0000").put("isExpired", false);
        return Reply.json(Json.write(body));
    }

    static Reply revokeToken(Call call) {
        String name = call.required("name");
        if (!List.of("CI analysis", "connector").contains(name)) {
            throw SonarApiException.notFound("User token with name '" + name + "' doesn't exist");
        }
        return Reply.noContent();
    }

    // ---- helpers

    private static ObjectNode group(Group group, String organization) {
        ObjectNode json = Json.object();
        json.put("id", group.id());
        if (organization != null) {
            json.put("organization", organization);
        }
        json.put("name", group.name());
        if (group.description() != null) {
            json.put("description", group.description());
        }
        json.put("membersCount", group.members().size());
        json.put("default", group.isDefault());
        return json;
    }

    static Group findGroup(String name) {
        return GROUPS.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private static Group existingGroup(String name) {
        Group group = findGroup(name);
        if (group == null) {
            throw SonarApiException.notFound("No group with name '" + name + "'");
        }
        return group;
    }

    private static Template existingTemplate(String id) {
        return TEMPLATES.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> SonarApiException.notFound("Permission template with id '" + id + "' is not found"));
    }

    private static String existingUser(String login) {
        if (!USERS.contains(login)) {
            throw SonarApiException.notFound("User with login '" + login + "' has not been found");
        }
        return login;
    }

    static boolean matches(String value, String query) {
        return query == null || value.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
    }

    static String id(String kind, String name) {
        return "AU-" + UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 16);
    }
}
