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

                get("/api/rules/search", Access.ORGANIZATION, fixture("rule/search-example.json")),
                get("/api/rules/show", Access.TOKEN, FixtureEndpoints::showRule, "key"),
                get("/api/qualityprofiles/search", Access.ORGANIZATION, fixture("qualityprofile/search-example.json")),
                get("/api/languages/list", Access.TOKEN, fixture("language/example-list.json")),

                get("/api/webhooks/list", Access.ORGANIZATION_OR_PROJECT, fixture("webhook/example-webhooks-list.json")),
                post("/api/webhooks/create", Access.ORGANIZATION_OR_PROJECT, FixtureEndpoints::createWebhook,
                        "name", "url"),
                post("/api/webhooks/delete", Access.TOKEN, call -> Reply.noContent(), "webhook"),
                get("/api/webhooks/deliveries", Access.TOKEN, fixture("webhook/example-deliveries.json")),

                get("/api/sources/lines", Access.TOKEN, fixture("source/lines-example.json"), "key"),
                get("/api/sources/raw", Access.TOKEN, FixtureEndpoints::rawSource, "key"),
                get("/api/duplications/show", Access.TOKEN, fixture("duplication/show-example.json"), "key"),

                get("/api/ce/activity", Access.TOKEN, FixtureEndpoints::activity),
                get("/api/ce/task", Access.TOKEN, FixtureEndpoints::task, "id"),
                get("/api/ce/component", Access.TOKEN, FixtureEndpoints::componentTasks, "component"));
    }

    Reply handle(ApiRequest request) {
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
                    || route.access() == Access.ORGANIZATION_OR_PROJECT && request.param("project").isEmpty();
            if (needsOrganization && organization.isEmpty()) {
                throw SonarApiException.missingParameter("organization");
            }
            route.requiredParams().forEach(request::required);
            if (organization.isPresent() && !state.hasOrganization(organization.get())) {
                throw SonarApiException.notFound("No organization for key '" + organization.get() + "'");
            }
            return route.handler().handle(new Call(request, user, organization.orElse(null), state));
        } catch (SonarApiException e) {
            return Reply.error(e.status(), e.getMessage());
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
