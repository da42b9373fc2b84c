package dev.connector.sonarcloud.sim;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Web API v2, on the region's {@code api.} host: JSON bodies, REST verbs, {@code pageIndex}/{@code pageSize} paging
 * answered as {@code page {pageIndex, pageSize, total}}, and errors as {@code {"message": ...}}. Organizations are
 * named by their UUID (resolved from the key with {@code /organizations/organizations}). Shapes follow what
 * SonarSource's own clients of this API read (its Terraform provider, its MCP server and its migration tool):
 * see {@code sonar-fixtures/SOURCES.md}.
 */
final class V2Endpoints {

    record Gate(String id, String name, boolean builtIn, boolean aiQualified) {
    }

    record Condition(String id, String gateId, int legacyMetricId, String metricKey, String operator,
                     String threshold) {
    }

    private static final String[][] GATES = {{"Sonar way", "true", "false"},
            {"Sonar way for AI Code", "true", "true"}, {"Strict gate", "false", "false"}};
    private static final Object[][] CONDITIONS = {{1025, "new_coverage", "LESS_THAN", "80"},
            {1031, "new_duplicated_lines_density", "GREATER_THAN", "3"}, {1053, "new_security_rating", "GREATER_THAN", "1"}};
    static final List<String> OPERATORS = List.of("LESS_THAN", "GREATER_THAN");

    private V2Endpoints() {
    }

    /** The simulated v2 endpoints: method and path template, as an action's catalog entry names them. */
    private static final java.util.Set<String> ENDPOINTS = java.util.Set.of(
            "GET organizations/organizations", "GET users/users", "GET projects/projects",
            "GET quality-gates/quality-gates", "POST quality-gates/quality-gates",
            "GET quality-gates/quality-gates/{gate_id}", "PATCH quality-gates/quality-gates/{gate_id}",
            "DELETE quality-gates/quality-gates/{gate_id}",
            "PATCH quality-gates/quality-gates/defaults/{organization_id}",
            "GET quality-gates/conditions", "POST quality-gates/conditions",
            "PATCH quality-gates/conditions/{condition_id}", "DELETE quality-gates/conditions/{condition_id}",
            "GET quality-gates/project-associations", "POST quality-gates/project-associations",
            "DELETE quality-gates/project-associations/{association_id}",
            "GET enterprises/enterprises", "GET enterprises/portfolios", "DELETE enterprises/portfolios/{portfolio_id}",
            "GET sca/feature-enabled", "GET sca/issues-releases");

    static boolean serves(String method, String pathTemplate) {
        return ENDPOINTS.contains(method + " " + pathTemplate);
    }

    static Reply handle(ApiRequest request, SimState state) {
        try {
            SimToken user = state.token(request.token()).orElseThrow(() -> new V2Error(401, "Unauthorized"));
            List<String> path = List.of(request.path().substring(1).split("/"));
            String method = request.method();
            String route = path.size() >= 2 ? path.get(0) + "/" + path.get(1) : request.path();
            String id = path.size() >= 3 ? path.get(2) : null;
            return switch (route) {
                case "organizations/organizations" -> only(method, "GET", id, () -> organizations(request, state, user));
                case "users/users" -> only(method, "GET", id, () -> users(request, state, user));
                case "projects/projects" -> only(method, "GET", id, () -> projects(request, state, user));
                case "quality-gates/quality-gates" -> gates(request, state, user, method, path);
                case "quality-gates/conditions" -> conditions(request, state, user, method, id);
                case "quality-gates/project-associations" -> associations(request, state, user, method, id);
                case "enterprises/enterprises" -> only(method, "GET", id, () -> enterprises(user));
                case "enterprises/portfolios" -> portfolios(request, user, method, id);
                case "sca/feature-enabled" -> only(method, "GET", id, () -> scaEnabled(request, state, user));
                case "sca/issues-releases" -> only(method, "GET", id, () -> dependencyRisks(request, state, user));
                default -> throw new V2Error(404, "Not found: " + request.path().replace("\"", ""));
            };
        } catch (V2Error e) {
            ObjectNode body = Json.object().put("message", e.getMessage());
            return Reply.json(e.status, Json.write(body));
        } catch (SonarApiException e) {
            return Reply.json(e.status(), Json.write(Json.object().put("message", e.getMessage())));
        }
    }

    // ---- organizations, users, projects

    private static Reply organizations(ApiRequest request, SimState state, SimToken user) {
        String key = request.param("organizationKey").orElseThrow(() -> new V2Error(400, "organizationKey must not be empty"));
        SimOrganization organization = state.organization(key).filter(o -> user.isMemberOf(o.key()))
                .orElseThrow(() -> new V2Error(404, "Organization not found"));
        ArrayNode body = Json.array();
        body.addObject().put("id", organization.id()).put("uuidV4", organization.id()).put("key", organization.key())
                .put("name", organization.name()).put("description", "").put("url", "").put("avatarUrl", "");
        return Reply.json(Json.write(body));
    }

    private static Reply users(ApiRequest request, SimState state, SimToken user) {
        String email = request.param("email").orElseThrow(() -> new V2Error(400, "email must not be empty"));
        V2Page page = V2Page.parse(request, 50, 500);
        List<SimToken> found = state.users().stream()
                .filter(u -> u.email().equalsIgnoreCase(email) && u.organizations().stream().anyMatch(user::isMemberOf))
                .toList();
        ObjectNode body = Json.object();
        ArrayNode users = body.putArray("users");
        for (SimToken each : page.slice(found)) {
            users.addObject().put("id", uuid("user:" + each.login())).put("login", each.login())
                    .put("name", each.name()).put("email", each.email()).put("avatar", IssueJson.avatar(each.login()));
        }
        body.set("page", page.json(found.size()));
        return Reply.json(Json.write(body));
    }

    private static Reply projects(ApiRequest request, SimState state, SimToken user) {
        V2Page page = V2Page.parse(request, 50, 5000);
        List<String> keys = request.list("keys");
        List<String> organizationIds = request.list("organizationIds");
        List<SimOrganization> organizations = new ArrayList<>();
        for (String organizationId : organizationIds) {
            organizations.add(state.organizationById(organizationId).filter(o -> user.isMemberOf(o.key()))
                    .orElseThrow(() -> new V2Error(404, "Organization not found")));
        }
        List<SimProject> found = new ArrayList<>();
        for (SimOrganization organization : organizations.isEmpty()
                ? user.organizations().stream().sorted().flatMap(k -> state.organization(k).stream()).toList()
                : organizations) {
            for (SimProject project : state.projectsOf(organization.key())) {
                if (project.organization() != null && (keys.isEmpty() || keys.contains(project.key()))) {
                    found.add(project);
                }
            }
        }
        ObjectNode body = Json.object();
        ArrayNode projects = body.putArray("projects");
        for (SimProject project : page.slice(found)) {
            ObjectNode json = projects.addObject().put("id", uuid("branch:" + project.key()))
                    .put("legacyId", legacyId(project.key())).put("key", project.key()).put("name", project.name())
                    .put("visibility", "private")
                    .put("organizationId", state.organization(project.organization()).orElseThrow().id());
            json.set("tags", Json.strings(List.of("platform")));
            json.putArray("links");
        }
        body.set("page", page.json(found.size()));
        return Reply.json(Json.write(body));
    }

    // ---- quality gates

    private static Reply gates(ApiRequest request, SimState state, SimToken user, String method, List<String> path) {
        if (path.size() >= 4 && path.get(2).equals("defaults")) {
            SimOrganization organization = organizationById(state, user, path.get(3));
            only(method, "PATCH", null, () -> null);
            JsonNode body = body(request);
            String gateId = text(body, "qualityGateId");
            gate(organization, gateId);
            admin(user, organization);
            return Reply.noContent();
        }
        String id = path.size() >= 3 ? path.get(2) : null;
        if (id == null && method.equals("GET")) {
            SimOrganization organization = organizationById(state, user, request.param("organizationId")
                    .orElseThrow(() -> new V2Error(400, "organizationId must not be empty")));
            V2Page page = V2Page.parse(request, 50, 500);
            List<Gate> gates = gates(organization);
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("qualityGates");
            page.slice(gates).forEach(gate -> list.add(gate(gate, organization)));
            body.set("page", page.json(gates.size()));
            return Reply.json(Json.write(body));
        }
        if (id == null && method.equals("POST")) {
            JsonNode body = body(request);
            SimOrganization organization = organizationById(state, user, text(body, "organizationId"));
            String name = text(body, "name");
            admin(user, organization);
            if (name.length() > 100) {
                throw new V2Error(400, "name must be at most 100 characters");
            }
            if (gates(organization).stream().anyMatch(g -> g.name().equals(name))) {
                throw new V2Error(400, "Name has already been taken");
            }
            Gate gate = new Gate(uuid("gate:" + organization.key() + ":" + name), name, false, false);
            return Reply.json(201, Json.write(gate(gate, organization)));
        }
        if (id == null) {
            throw new V2Error(405, "Method not allowed");
        }
        Map.Entry<SimOrganization, Gate> found = findGate(state, user, id);
        SimOrganization organization = found.getKey();
        Gate gate = found.getValue();
        return switch (method) {
            case "GET" -> Reply.json(Json.write(gate(gate, organization)));
            case "PATCH" -> {
                JsonNode body = body(request);
                admin(user, organization);
                if (gate.builtIn()) {
                    throw new V2Error(400, "Built-in quality gates cannot be modified");
                }
                String name = body.path("name").isString() ? body.path("name").asString() : gate.name();
                if (name.isBlank() || name.length() > 100) {
                    throw new V2Error(400, "name must be between 1 and 100 characters");
                }
                yield Reply.json(Json.write(gate(new Gate(gate.id(), name, false, gate.aiQualified()), organization)));
            }
            case "DELETE" -> {
                admin(user, organization);
                if (gate.builtIn()) {
                    throw new V2Error(400, "Built-in quality gates cannot be deleted");
                }
                yield Reply.noContent();
            }
            default -> throw new V2Error(405, "Method not allowed");
        };
    }

    private static Reply conditions(ApiRequest request, SimState state, SimToken user, String method, String id) {
        if (id == null && method.equals("GET")) {
            String gateId = request.param("qualityGateId").orElseThrow(() -> new V2Error(400, "qualityGateId must not be empty"));
            Gate gate = findGate(state, user, gateId).getValue();
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("conditions");
            conditions(gate).forEach(c -> list.add(condition(c)));
            return Reply.json(Json.write(body));
        }
        if (id == null && method.equals("POST")) {
            JsonNode body = body(request);
            Map.Entry<SimOrganization, Gate> found = findGate(state, user, text(body, "qualityGateId"));
            admin(user, found.getKey());
            Condition condition = checkedCondition(found.getValue(), null, body);
            return Reply.json(201, Json.write(condition(condition)));
        }
        if (id == null) {
            throw new V2Error(405, "Method not allowed");
        }
        for (SimOrganization organization : memberOrganizations(state, user)) {
            for (Gate gate : gates(organization)) {
                for (Condition condition : conditions(gate)) {
                    if (condition.id().equals(id)) {
                        admin(user, organization);
                        return switch (method) {
                            case "PATCH" -> Reply.json(Json.write(condition(checkedCondition(gate, condition, body(request)))));
                            case "DELETE" -> Reply.noContent();
                            default -> throw new V2Error(405, "Method not allowed");
                        };
                    }
                }
            }
        }
        throw new V2Error(404, "Condition not found");
    }

    private static Condition checkedCondition(Gate gate, Condition current, JsonNode body) {
        if (gate.builtIn()) {
            throw new V2Error(400, "Conditions of built-in quality gates cannot be changed");
        }
        String operator = body.path("operator").isString() ? body.path("operator").asString()
                : current == null ? null : current.operator();
        String threshold = body.path("threshold").isValueNode() ? body.path("threshold").asString()
                : current == null ? null : current.threshold();
        int metric = body.path("legacyMetricId").isIntegralNumber() ? body.path("legacyMetricId").asInt()
                : current == null ? -1 : current.legacyMetricId();
        if (operator == null || !OPERATORS.contains(operator)) {
            throw new V2Error(400, "operator must be one of " + OPERATORS);
        }
        if (threshold == null || !threshold.matches("-?\\d+(\\.\\d+)?")) {
            throw new V2Error(400, "threshold must be a number");
        }
        if (metric < 1) {
            throw new V2Error(400, "legacyMetricId must not be empty");
        }
        String id = current != null ? current.id() : uuid("condition:" + gate.id() + ":" + metric);
        return new Condition(id, gate.id(), metric, metricKey(metric), operator, threshold);
    }

    private static Reply associations(ApiRequest request, SimState state, SimToken user, String method, String id) {
        if (id == null && method.equals("GET")) {
            SimOrganization organization = organizationById(state, user, request.param("organizationId")
                    .orElseThrow(() -> new V2Error(400, "organizationId must not be empty")));
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("projectAssociations");
            List<Gate> gates = gates(organization);
            for (String projectId : request.list("projectIds")) {
                SimProject project = projectByLegacyId(state, organization, projectId);
                if (project == null) {
                    continue;
                }
                boolean strict = project.key().endsWith("my-project");
                list.addObject().put("id", uuid("association:" + projectId)).put("projectId", projectId)
                        .put("qualityGateId", (strict ? gates.get(2) : gates.get(0)).id())
                        .put("defaultFallback", !strict);
            }
            return Reply.json(Json.write(body));
        }
        if (id == null && method.equals("POST")) {
            JsonNode body = body(request);
            String projectId = text(body, "projectId");
            Map.Entry<SimOrganization, Gate> found = findGate(state, user, text(body, "qualityGateId"));
            SimProject project = projectByLegacyId(state, found.getKey(), projectId);
            if (project == null) {
                throw new V2Error(404, "Project not found");
            }
            admin(user, found.getKey());
            ObjectNode answer = Json.object().put("id", uuid("association:" + projectId)).put("projectId", projectId)
                    .put("qualityGateId", found.getValue().id()).put("defaultFallback", false);
            return Reply.json(201, Json.write(answer));
        }
        if (id != null && method.equals("DELETE")) {
            for (SimOrganization organization : memberOrganizations(state, user)) {
                for (SimProject project : state.projectsOf(organization.key())) {
                    if (uuid("association:" + legacyId(project.key())).equals(id)) {
                        admin(user, organization);
                        return Reply.noContent();
                    }
                }
            }
            throw new V2Error(404, "Project association not found");
        }
        throw new V2Error(405, "Method not allowed");
    }

    // ---- enterprises and portfolios (Enterprise plan: the organization "my-org" belongs to enterprise "acme")

    private static final String ENTERPRISE_ORGANIZATION = "my-org";

    private static Reply enterprises(SimToken user) {
        ArrayNode body = Json.array();
        if (user.isMemberOf(ENTERPRISE_ORGANIZATION)) {
            body.addObject().put("id", uuid("enterprise:acme")).put("key", "acme").put("name", "ACME Corp")
                    .put("avatar", "").put("defaultPortfolioPermissionTemplateId", uuid("template:acme"));
        }
        return Reply.json(Json.write(body));
    }

    private static Reply portfolios(ApiRequest request, SimToken user, String method, String id) {
        if (!user.isMemberOf(ENTERPRISE_ORGANIZATION)) {
            throw new V2Error(403, "You are not a member of this enterprise");
        }
        List<String> names = List.of("Payments", "Platform", "Retail apps");
        if (id == null && method.equals("GET")) {
            String enterpriseId = request.param("enterpriseId").orElseThrow(() -> new V2Error(400, "enterpriseId must not be empty"));
            if (!enterpriseId.equals(uuid("enterprise:acme"))) {
                throw new V2Error(404, "Enterprise not found");
            }
            V2Page page = V2Page.parse(request, 50, 50);
            List<String> found = names.stream().filter(n -> AdminEndpoints.matches(n, request.param("q").orElse(null)))
                    .toList();
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("portfolios");
            for (String name : page.slice(found)) {
                list.addObject().put("id", uuid("portfolio:" + name)).put("enterpriseId", enterpriseId)
                        .put("name", name).put("description", name + " portfolio").put("selection", "projects")
                        .put("favorite", false).put("draft", false).put("draftStage", 0);
            }
            body.set("page", page.json(found.size()));
            return Reply.json(Json.write(body));
        }
        if (id != null && method.equals("DELETE")) {
            if (names.stream().noneMatch(name -> uuid("portfolio:" + name).equals(id))) {
                throw new V2Error(404, "Portfolio not found");
            }
            if (!user.isAdminOf(ENTERPRISE_ORGANIZATION)) {
                throw new V2Error(403, "Insufficient privileges");
            }
            return Reply.noContent();
        }
        throw new V2Error(405, "Method not allowed");
    }

    // ---- dependency risks (SCA)

    private static Reply scaEnabled(ApiRequest request, SimState state, SimToken user) {
        String key = request.param("organization").orElseThrow(() -> new V2Error(400, "organization must not be empty"));
        SimOrganization organization = state.organization(key).filter(o -> user.isMemberOf(o.key()))
                .orElseThrow(() -> new V2Error(404, "Organization not found"));
        return Reply.json("{\"enabled\":" + organization.key().equals(ENTERPRISE_ORGANIZATION) + "}");
    }

    private static Reply dependencyRisks(ApiRequest request, SimState state, SimToken user) {
        String key = request.param("projectKey").orElseThrow(() -> new V2Error(400, "projectKey must not be empty"));
        SimProject project = state.project(key)
                .filter(p -> p.organization() != null && user.isMemberOf(p.organization()))
                .orElseThrow(() -> new V2Error(404, "Project not found"));
        V2Page page = V2Page.parse(request, 100, 500);
        Object[][] risks = {{"log4j-core", "2.14.1", "VULNERABILITY", "BLOCKER", "CVE-2021-44228"},
                {"commons-text", "1.9", "VULNERABILITY", "HIGH", "CVE-2022-42889"},
                {"left-pad", "1.3.0", "PROHIBITED_LICENSE", "MEDIUM", null}};
        List<Object[]> all = List.of(risks);
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("issuesReleases");
        for (Object[] risk : page.slice(all)) {
            ObjectNode json = list.addObject().put("key", uuid("risk:" + project.key() + risk[0]))
                    .put("type", (String) risk[2]).put("severity", (String) risk[3]).put("status", "OPEN")
                    .put("quality", risk[2].equals("VULNERABILITY") ? "SECURITY" : "MAINTAINABILITY")
                    .put("createdAt", "2026-11-20T09:00:00Z");
            if (risk[4] != null) {
                json.put("vulnerabilityId", (String) risk[4]);
            }
            json.putObject("release").put("packageName", (String) risk[0]).put("version", (String) risk[1])
                    .put("packageManager", risk[0].equals("left-pad") ? "NPM" : "MAVEN")
                    .put("branchKey", request.param("branchKey").orElse("master"));
        }
        body.set("page", page.json(all.size()));
        return Reply.json(Json.write(body));
    }

    // ---- helpers

    private static List<Gate> gates(SimOrganization organization) {
        List<Gate> gates = new ArrayList<>();
        for (String[] gate : GATES) {
            gates.add(new Gate(uuid("gate:" + organization.key() + ":" + gate[0]), gate[0],
                    Boolean.parseBoolean(gate[1]), Boolean.parseBoolean(gate[2])));
        }
        return gates;
    }

    private static List<Condition> conditions(Gate gate) {
        List<Condition> conditions = new ArrayList<>();
        for (Object[] condition : CONDITIONS) {
            int metric = (Integer) condition[0];
            conditions.add(new Condition(uuid("condition:" + gate.id() + ":" + metric), gate.id(), metric,
                    (String) condition[1], (String) condition[2], (String) condition[3]));
        }
        return conditions;
    }

    private static String metricKey(int legacyMetricId) {
        for (Object[] condition : CONDITIONS) {
            if ((Integer) condition[0] == legacyMetricId) {
                return (String) condition[1];
            }
        }
        return "metric_" + legacyMetricId;
    }

    private static ObjectNode gate(Gate gate, SimOrganization organization) {
        return Json.object().put("id", gate.id()).put("name", gate.name()).put("builtIn", gate.builtIn())
                .put("aiQualified", gate.aiQualified()).put("organizationId", organization.id())
                .put("default", gate.name().equals("Sonar way"));
    }

    private static ObjectNode condition(Condition condition) {
        return Json.object().put("id", condition.id()).put("qualityGateId", condition.gateId())
                .put("legacyMetricId", condition.legacyMetricId()).put("metricKey", condition.metricKey())
                .put("operator", condition.operator()).put("threshold", condition.threshold());
    }

    private static Gate gate(SimOrganization organization, String gateId) {
        return gates(organization).stream().filter(g -> g.id().equals(gateId)).findFirst()
                .orElseThrow(() -> new V2Error(404, "Quality gate not found"));
    }

    private static Map.Entry<SimOrganization, Gate> findGate(SimState state, SimToken user, String id) {
        for (SimOrganization organization : memberOrganizations(state, user)) {
            for (Gate gate : gates(organization)) {
                if (gate.id().equals(id)) {
                    return Map.entry(organization, gate);
                }
            }
        }
        throw new V2Error(404, "Quality gate not found");
    }

    private static List<SimOrganization> memberOrganizations(SimState state, SimToken user) {
        return user.organizations().stream().sorted().flatMap(k -> state.organization(k).stream()).toList();
    }

    private static SimOrganization organizationById(SimState state, SimToken user, String id) {
        return state.organizationById(id).filter(o -> user.isMemberOf(o.key()))
                .orElseThrow(() -> new V2Error(404, "Organization not found"));
    }

    private static SimProject projectByLegacyId(SimState state, SimOrganization organization, String legacyId) {
        return state.projectsOf(organization.key()).stream()
                .filter(p -> p.organization() != null && legacyId(p.key()).equals(legacyId)).findFirst().orElse(null);
    }

    private static void admin(SimToken user, SimOrganization organization) {
        if (!user.isAdminOf(organization.key())) {
            throw new V2Error(403, "Insufficient privileges");
        }
    }

    static String legacyId(String projectKey) {
        return "AY" + UUID.nameUUIDFromBytes(projectKey.getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "").substring(0, 18);
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JsonNode body(ApiRequest request) {
        String contentType = request.raw().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new V2Error(415, "Content-Type must be application/json");
        }
        try {
            JsonNode body = Json.parse(request.raw().getBodyAsString());
            if (!body.isObject()) {
                throw new V2Error(400, "The request body must be a JSON object");
            }
            return body;
        } catch (JacksonException e) {
            throw new V2Error(400, "The request body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw new V2Error(400, field + " must not be empty");
        }
        return value.asString();
    }

    private static Reply only(String method, String allowed, String id, java.util.function.Supplier<Reply> handler) {
        if (id != null) {
            throw new V2Error(404, "Not found");
        }
        if (!method.equals(allowed)) {
            throw new V2Error(405, "Method not allowed");
        }
        return handler.get();
    }

    /** v2's paging parameters, 1-based. */
    record V2Page(int index, int size) {
        static V2Page parse(ApiRequest request, int defaultSize, int maxSize) {
            int index = request.intParam("pageIndex", 1);
            int size = request.intParam("pageSize", defaultSize);
            if (index < 1 || size < 1 || size > maxSize) {
                throw new V2Error(400, "pageIndex must be at least 1 and pageSize between 1 and " + maxSize);
            }
            return new V2Page(index, size);
        }

        <T> List<T> slice(List<T> all) {
            return new Paging(index, size).slice(all);
        }

        ObjectNode json(int total) {
            return Json.object().put("pageIndex", index).put("pageSize", size).put("total", total);
        }
    }

    static final class V2Error extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        V2Error(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
