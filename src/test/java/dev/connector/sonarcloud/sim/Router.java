package dev.connector.sonarcloud.sim;

import dev.connector.sonarcloud.sim.Route.Access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.connector.sonarcloud.sim.FixtureEndpoints.fixture;
import static dev.connector.sonarcloud.sim.Route.get;
import static dev.connector.sonarcloud.sim.Route.post;

/**
 * The simulated web API: finds the endpoint, checks the caller and parameters the way SonarQube Cloud does
 * (401 unknown token, then 400 missing parameter, then 404 unknown organization), then runs the endpoint.
 */
final class Router {

    private final SimState state;
    private final Map<String, Route> routes = new HashMap<>();

    Router(SimState state) {
        this.state = state;
        routes().forEach(route -> routes.put(route.method() + " " + route.path(), route));
    }

    private static List<Route> routes() {
        return List.of(
                get("/api/authentication/validate", Access.ANYONE, AccountEndpoints::validate),
                get("/api/organizations/search", Access.ANYONE, AccountEndpoints::searchOrganizations),
                get("/api/users/current", Access.ANYONE, AccountEndpoints::currentUser),
                get("/api/organizations/search_members", Access.ORGANIZATION,
                        fixture("organization/search_members-example.json")),
                get("/api/users/search", Access.TOKEN, fixture("user/search-example.json")),

                get("/api/components/search", Access.ORGANIZATION, FixtureEndpoints::searchComponents),
                get("/api/projects/search", Access.ORGANIZATION, FixtureEndpoints::searchProjects),
                get("/api/components/show", Access.TOKEN, FixtureEndpoints::showComponent, "component"),
                get("/api/components/tree", Access.TOKEN, FixtureEndpoints::componentTree, "component"),

                get("/api/issues/search", Access.ORGANIZATION, IssueEndpoints::search),
                get("/api/issues/changelog", Access.TOKEN, IssueEndpoints::changelog, "issue"),
                post("/api/issues/do_transition", Access.TOKEN, IssueEndpoints::doTransition, "issue", "transition"),
                post("/api/issues/add_comment", Access.TOKEN, IssueEndpoints::addComment, "issue", "text"),
                post("/api/issues/assign", Access.TOKEN, IssueEndpoints::assign, "issue"),
                post("/api/issues/set_tags", Access.TOKEN, IssueEndpoints::setTags, "issue"),

                get("/api/hotspots/search", Access.TOKEN, HotspotEndpoints::search),
                get("/api/hotspots/show", Access.TOKEN, HotspotEndpoints::show, "hotspot"),
                post("/api/hotspots/change_status", Access.TOKEN, HotspotEndpoints::changeStatus, "hotspot", "status"),

                get("/api/measures/component", Access.TOKEN, FixtureEndpoints::componentMeasures,
                        "component", "metricKeys"),
                get("/api/measures/component_tree", Access.TOKEN, FixtureEndpoints::componentTreeMeasures,
                        "component", "metricKeys"),
                get("/api/measures/search_history", Access.TOKEN, fixture("measure/search_history-example.json"),
                        "component", "metrics"),
                get("/api/metrics/search", Access.TOKEN, fixture("metric/example-search.json")),

                get("/api/qualitygates/project_status", Access.TOKEN, FixtureEndpoints::projectStatus),
                get("/api/qualitygates/list", Access.ORGANIZATION, fixture("qualitygate/list-example.json")),
                get("/api/qualitygates/show", Access.ORGANIZATION, FixtureEndpoints::showQualityGate),

                get("/api/project_analyses/search", Access.TOKEN, fixture("projectanalysis/search-example.json"),
                        "project"),
                get("/api/project_branches/list", Access.TOKEN, fixture("branch/list-example.json"), "project"),
                get("/api/project_pull_requests/list", Access.TOKEN, fixture("branch/pr/list-example.json"),
                        "project"),

                get("/api/rules/search", Access.ORGANIZATION, FixtureEndpoints::searchRules),
                get("/api/rules/show", Access.TOKEN, FixtureEndpoints::showRule, "key"),
                get("/api/qualityprofiles/search", Access.ORGANIZATION, fixture("qualityprofile/search-example.json")),
                get("/api/languages/list", Access.TOKEN, fixture("language/example-list.json")),

                get("/api/webhooks/list", Access.ORGANIZATION_OR_PROJECT, fixture("webhook/example-webhooks-list.json"))
                        .admin(),
                post("/api/webhooks/create", Access.ORGANIZATION_OR_PROJECT, FixtureEndpoints::createWebhook,
                        "name", "url").admin(),
                post("/api/webhooks/delete", Access.TOKEN, call -> Reply.noContent(), "webhook").admin(),
                get("/api/webhooks/deliveries", Access.TOKEN, fixture("webhook/example-deliveries.json")).admin(),

                get("/api/sources/lines", Access.TOKEN, fixture("source/lines-example.json"), "key"),
                get("/api/sources/raw", Access.TOKEN, FixtureEndpoints::rawSource, "key"),
                get("/api/duplications/show", Access.TOKEN, fixture("duplication/show-example.json"), "key"),

                get("/api/ce/activity", Access.TOKEN, FixtureEndpoints::activity),
                get("/api/ce/task", Access.TOKEN, FixtureEndpoints::task, "id"),
                get("/api/ce/component", Access.TOKEN, FixtureEndpoints::componentTasks, "component"),
                get("/api/ce/activity_status", Access.TOKEN, ProjectEndpoints::activityStatus).admin(),
                get("/api/ce/analysis_status", Access.TOKEN, ProjectEndpoints::analysisStatus, "component"),

                // access administration
                get("/api/user_groups/search", Access.ORGANIZATION, AdminEndpoints::searchGroups).admin(),
                post("/api/user_groups/create", Access.ORGANIZATION, AdminEndpoints::createGroup, "name").admin(),
                post("/api/user_groups/update", Access.ORGANIZATION, AdminEndpoints::updateGroup, "currentName").admin(),
                post("/api/user_groups/delete", Access.ORGANIZATION, AdminEndpoints::deleteGroup, "name").admin(),
                get("/api/user_groups/users", Access.ORGANIZATION, AdminEndpoints::groupUsers, "name").admin(),
                post("/api/user_groups/add_user", Access.ORGANIZATION, AdminEndpoints::addUser, "name", "login").admin(),
                post("/api/user_groups/remove_user", Access.ORGANIZATION, AdminEndpoints::removeUser, "name", "login")
                        .admin(),
                get("/api/users/groups", Access.ORGANIZATION, AdminEndpoints::userGroups, "login").admin(),
                get("/api/permissions/groups", Access.ORGANIZATION, AdminEndpoints::permissionGroups).admin(),
                get("/api/permissions/users", Access.ORGANIZATION, AdminEndpoints::permissionUsers).admin(),
                post("/api/permissions/add_group", Access.ORGANIZATION, AdminEndpoints::changeGroupPermission,
                        "groupName", "permission").admin(),
                post("/api/permissions/remove_group", Access.ORGANIZATION, AdminEndpoints::changeGroupPermission,
                        "groupName", "permission").admin(),
                post("/api/permissions/add_user", Access.ORGANIZATION, AdminEndpoints::changeUserPermission,
                        "login", "permission").admin(),
                post("/api/permissions/remove_user", Access.ORGANIZATION, AdminEndpoints::changeUserPermission,
                        "login", "permission").admin(),
                get("/api/permissions/search_templates", Access.ORGANIZATION, AdminEndpoints::searchTemplates).admin(),
                post("/api/permissions/create_template", Access.ORGANIZATION, AdminEndpoints::createTemplate, "name")
                        .admin(),
                post("/api/permissions/update_template", Access.ORGANIZATION, AdminEndpoints::updateTemplate, "id")
                        .admin(),
                post("/api/permissions/delete_template", Access.ORGANIZATION, AdminEndpoints::deleteTemplate,
                        "templateId").admin(),
                post("/api/permissions/apply_template", Access.ORGANIZATION, AdminEndpoints::applyTemplate,
                        "templateId", "projectKey").admin(),
                post("/api/permissions/add_group_to_template", Access.ORGANIZATION, AdminEndpoints::addGroupToTemplate,
                        "templateId", "groupName", "permission").admin(),
                post("/api/permissions/set_default_template", Access.ORGANIZATION, AdminEndpoints::setDefaultTemplate,
                        "templateId").admin(),
                get("/api/user_tokens/search", Access.TOKEN, AdminEndpoints::searchTokens),
                post("/api/user_tokens/revoke", Access.TOKEN, AdminEndpoints::revokeToken, "name"),

                // project administration
                post("/api/projects/create", Access.ORGANIZATION, ProjectEndpoints::createProject, "project", "name")
                        .admin(),
                post("/api/projects/delete", Access.TOKEN, call -> Reply.noContent(), "project").admin(),
                post("/api/projects/update_visibility", Access.TOKEN, ProjectEndpoints::updateVisibility, "project",
                        "visibility").admin(),
                post("/api/projects/update_key", Access.TOKEN, ProjectEndpoints::updateKey, "from", "to").admin(),
                get("/api/projects/export_findings", Access.TOKEN, ProjectEndpoints::exportFindings, "project").admin(),
                get("/api/project_tags/search", Access.ORGANIZATION, ProjectEndpoints::projectTags),
                post("/api/project_tags/set", Access.TOKEN, ProjectEndpoints::setProjectTags, "project").admin(),
                get("/api/project_links/search", Access.TOKEN, ProjectEndpoints::links, "projectKey"),
                post("/api/project_links/create", Access.TOKEN, ProjectEndpoints::createLink, "projectKey", "name",
                        "url").admin(),
                post("/api/project_links/delete", Access.TOKEN, ProjectEndpoints::deleteLink, "id").admin(),
                get("/api/settings/values", Access.ORGANIZATION_OR_COMPONENT, ProjectEndpoints::settingValues),
                post("/api/settings/set", Access.ORGANIZATION_OR_COMPONENT, ProjectEndpoints::setSetting, "key")
                        .admin(),
                post("/api/settings/reset", Access.ORGANIZATION_OR_COMPONENT, ProjectEndpoints::resetSetting, "keys")
                        .admin(),
                get("/api/settings/list_definitions", Access.ORGANIZATION_OR_COMPONENT,
                        ProjectEndpoints::settingDefinitions),
                get("/api/alm_integration/show_bound_organization", Access.ORGANIZATION,
                        ProjectEndpoints::boundOrganization),
                get("/api/alm_integration/is_project_bound", Access.TOKEN, ProjectEndpoints::projectBound, "project"),
                get("/api/new_code_periods/show", Access.TOKEN, ProjectEndpoints::showNewCodePeriod, "project"),
                get("/api/new_code_periods/list", Access.TOKEN, ProjectEndpoints::listNewCodePeriods, "project"),
                post("/api/new_code_periods/set", Access.TOKEN, ProjectEndpoints::setNewCodePeriod, "project", "type")
                        .admin(),
                post("/api/new_code_periods/unset", Access.TOKEN, ProjectEndpoints::unsetNewCodePeriod, "project")
                        .admin(),
                post("/api/project_branches/delete", Access.TOKEN, ProjectEndpoints::deleteBranch, "project", "branch")
                        .admin(),
                post("/api/project_branches/rename", Access.TOKEN, ProjectEndpoints::renameMainBranch, "project",
                        "name").admin(),
                post("/api/project_branches/set_main", Access.TOKEN, ProjectEndpoints::setMainBranch, "project",
                        "branch").admin(),
                post("/api/project_branches/set_automatic_deletion_protection", Access.TOKEN,
                        ProjectEndpoints::setDeletionProtection, "project", "branch", "value").admin(),
                post("/api/project_pull_requests/delete", Access.TOKEN, ProjectEndpoints::deletePullRequest, "project",
                        "pullRequest").admin(),
                post("/api/project_analyses/create_event", Access.TOKEN, ProjectEndpoints::createEvent, "analysis",
                        "name").admin(),
                post("/api/project_analyses/update_event", Access.TOKEN, ProjectEndpoints::updateEvent, "event", "name")
                        .admin(),
                post("/api/project_analyses/delete_event", Access.TOKEN, ProjectEndpoints::deleteEvent, "event").admin(),
                post("/api/project_analyses/delete", Access.TOKEN, ProjectEndpoints::deleteAnalysis, "analysis").admin(),
                get("/api/project_badges/measure", Access.TOKEN, ProjectEndpoints::measureBadge, "project", "metric"),
                get("/api/project_badges/quality_gate", Access.TOKEN, ProjectEndpoints::qualityGateBadge, "project"),
                get("/api/favorites/search", Access.TOKEN, ProjectEndpoints::searchFavorites),
                post("/api/favorites/add", Access.TOKEN, ProjectEndpoints::changeFavorite, "component"),
                post("/api/favorites/remove", Access.TOKEN, ProjectEndpoints::changeFavorite, "component"),
                get("/api/sources/scm", Access.TOKEN, ProjectEndpoints::scm, "key"),

                // triage, measures, profiles, rules, webhooks
                post("/api/issues/edit_comment", Access.TOKEN, QualityEndpoints::editComment, "comment", "text"),
                post("/api/issues/delete_comment", Access.TOKEN, QualityEndpoints::deleteComment, "comment"),
                post("/api/issues/bulk_change", Access.TOKEN, QualityEndpoints::bulkChange, "issues"),
                get("/api/issues/tags", Access.ORGANIZATION, QualityEndpoints::issueTags),
                get("/api/issues/authors", Access.ORGANIZATION, QualityEndpoints::issueAuthors),
                post("/api/hotspots/add_comment", Access.TOKEN, QualityEndpoints::hotspotComment, "hotspot", "comment"),
                post("/api/hotspots/assign", Access.TOKEN, QualityEndpoints::assignHotspot, "hotspot"),
                get("/api/measures/search", Access.TOKEN, QualityEndpoints::searchMeasures, "projectKeys", "metricKeys"),
                get("/api/qualityprofiles/changelog", Access.ORGANIZATION, QualityEndpoints::profileChangelog,
                        "language", "qualityProfile"),
                get("/api/qualityprofiles/inheritance", Access.ORGANIZATION, QualityEndpoints::profileInheritance,
                        "language", "qualityProfile"),
                get("/api/qualityprofiles/projects", Access.ORGANIZATION, QualityEndpoints::profileProjects, "key"),
                get("/api/qualityprofiles/backup", Access.ORGANIZATION, QualityEndpoints::backup, "language",
                        "qualityProfile"),
                get("/api/qualityprofiles/compare", Access.TOKEN, QualityEndpoints::compare, "leftKey", "rightKey"),
                post("/api/qualityprofiles/create", Access.ORGANIZATION, QualityEndpoints::createProfile, "language",
                        "name").admin(),
                post("/api/qualityprofiles/copy", Access.ORGANIZATION, QualityEndpoints::copyProfile, "fromKey",
                        "toName").admin(),
                post("/api/qualityprofiles/delete", Access.ORGANIZATION, QualityEndpoints::deleteProfile, "language",
                        "qualityProfile").admin(),
                post("/api/qualityprofiles/set_default", Access.ORGANIZATION, QualityEndpoints::profileWrite,
                        "language", "qualityProfile").admin(),
                post("/api/qualityprofiles/change_parent", Access.ORGANIZATION, QualityEndpoints::profileWrite,
                        "language", "qualityProfile").admin(),
                post("/api/qualityprofiles/add_project", Access.ORGANIZATION, QualityEndpoints::profileWrite,
                        "language", "qualityProfile", "project").admin(),
                post("/api/qualityprofiles/remove_project", Access.ORGANIZATION, QualityEndpoints::profileWrite,
                        "language", "qualityProfile", "project").admin(),
                post("/api/qualityprofiles/activate_rule", Access.ORGANIZATION, QualityEndpoints::activateRule, "key",
                        "rule").admin(),
                post("/api/qualityprofiles/deactivate_rule", Access.ORGANIZATION, QualityEndpoints::activateRule,
                        "key", "rule").admin(),
                get("/api/rules/tags", Access.ORGANIZATION, QualityEndpoints::ruleTags),
                get("/api/rules/repositories", Access.TOKEN, QualityEndpoints::ruleRepositories),
                post("/api/rules/update", Access.ORGANIZATION, QualityEndpoints::updateRule, "key").admin(),
                post("/api/webhooks/update", Access.TOKEN, QualityEndpoints::updateWebhook, "webhook", "name", "url")
                        .admin(),
                get("/api/webhooks/delivery", Access.TOKEN, QualityEndpoints::delivery, "deliveryId").admin());
    }

    /** Whether an endpoint is simulated ({@code path} without the leading slash, v2 templates allowed). */
    boolean serves(String method, String path) {
        return path.startsWith("api/") ? routes.containsKey(method + " /" + path) : V2Endpoints.serves(method, path);
    }

    Reply handle(ApiRequest request) {
        if (!request.path().startsWith("/api/")) {
            return V2Endpoints.handle(request, state);
        }
        try {
            Route route = routes.get(request.method() + " " + request.path());
            if (route == null) {
                return unknown(request);
            }
            SimToken user = null;
            if (route.access() != Access.ANYONE) {
                user = state.token(request.token()).orElseThrow(SonarApiException::unauthorized);
            }
            Optional<String> organization = request.param("organization");
            boolean needsOrganization = route.access() == Access.ORGANIZATION
                    || route.access() == Access.ORGANIZATION_OR_PROJECT && request.param("project").isEmpty()
                    || route.access() == Access.ORGANIZATION_OR_COMPONENT && request.param("component").isEmpty();
            if (needsOrganization && organization.isEmpty()) {
                throw SonarApiException.missingParameter("organization");
            }
            route.requiredParams().forEach(request::required);
            if (organization.isPresent() && !state.hasOrganization(organization.get())) {
                throw SonarApiException.notFound("No organization for key '" + organization.get() + "'");
            }
            if (route.needsAdmin()) {
                checkAdministers(request, user, organization.orElse(null));
            }
            return route.handler().handle(new Call(request, user, organization.orElse(null), state));
        } catch (SonarApiException e) {
            return Reply.error(e.status(), e.getMessage());
        }
    }

    /** 404 for a project that does not exist, then 403 without Administer on its organization. */
    private void checkAdministers(ApiRequest request, SimToken user, String organization) {
        String scope = organization;
        // creating a project needs Create Projects on the organization: its key names no project yet
        List<String> projectParams = request.path().equals("/api/projects/create") ? List.of()
                : List.of("project", "projectKey", "component", "from");
        for (String name : projectParams) {
            Optional<String> key = request.param(name);
            if (key.isPresent()) {
                SimProject project = state.projectOfComponent(key.get())
                        .orElseThrow(() -> SonarApiException.notFound("Project '" + key.get() + "' not found"));
                scope = project.organizationOr(organization);
                break;
            }
        }
        boolean allowed = scope == null ? !user.administered().isEmpty() : user.isAdminOf(scope);
        if (!allowed) {
            throw SonarApiException.forbidden();
        }
    }

    private Reply unknown(ApiRequest request) {
        boolean otherMethod = routes.values().stream().anyMatch(route -> route.path().equals(request.path()));
        if (otherMethod) {
            return Reply.error(405, "HTTP method " + request.method() + " is not supported");
        }
        if (request.path().startsWith("/api/")) {
            return Reply.error(404, "Unknown url : " + request.path());
        }
        // v2 API error shape
        return Reply.json(404, "{\"message\":\"Not found: " + request.path().replace("\"", "") + "\"}");
    }
}
