package dev.connector.sonarcloud.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Endpoints answered from the SonarQube example bodies, with what SonarQube Cloud adds ({@code organization}) and
 * the keys the caller asked for put in.
 */
final class FixtureEndpoints {

    private FixtureEndpoints() {
    }

    static Route.Handler fixture(String path) {
        return call -> Reply.json(Fixtures.text(path));
    }

    // ---- rules

    private static final List<String> RULE_TYPES = List.of("CODE_SMELL", "BUG", "VULNERABILITY", "SECURITY_HOTSPOT");

    /**
     * The example rules, or the seeded ones ({@link SimState#seedRules}), filtered by {@code types} and paged with
     * p/ps (at most 500, and 10,000 results in all) as {@code api/rules/search} does.
     */
    static Reply searchRules(Call call) {
        List<String> types = call.request().list("types");
        IssueEndpoints.checkValues("types", types, RULE_TYPES);
        Paging paging = Paging.parse(call.request(), 100, 500).capped();
        ObjectNode body = Fixtures.copy("rule/search-example.json");
        List<JsonNode> rules = new ArrayList<>();
        List<JsonNode> all = call.state().seededRules(call.organization()).orElseGet(() -> {
            List<JsonNode> example = new ArrayList<>();
            body.get("rules").values().forEach(example::add);
            return example;
        });
        for (JsonNode rule : all) {
            if (types.isEmpty() || types.contains(rule.path("type").asString())) {
                rules.add(rule);
            }
        }
        ArrayNode page = body.putArray("rules");
        paging.slice(rules).forEach(page::add);
        body.set("paging", paging.json(rules.size()));
        body.put("total", rules.size()).put("p", paging.page()).put("ps", paging.size());
        return Reply.json(Json.write(body));
    }

    // ---- projects and components

    /** The organization's registered projects; the example body when it has none. */
    static Reply searchComponents(Call call) {
        return projectList(call, "component/search-components-example.json", (project, json) -> {
            json.put("qualifier", "TRK");
            json.put("name", project.name());
            json.put("project", project.key());
        });
    }

    static Reply searchProjects(Call call) {
        return projectList(call, "project/search-example.json", (project, json) -> {
            json.put("name", project.name());
            json.put("qualifier", "TRK");
            json.put("visibility", "private");
            json.put("lastAnalysisDate", SonarDates.format(SeedGenerator.BASE_DATE));
            json.put("revision", project.key().hashCode() < 0 ? "cfb82f55c6ef32e61828c4cb3db2da12795fd767"
                    : "7be96a94ac0c95a61ee6ee0ef9c6f808d386a355");
        });
    }

    private static Reply projectList(Call call, String fixture, BiConsumer<SimProject, ObjectNode> shape) {
        Paging paging = Paging.parse(call.request(), 100, 500);
        String query = call.param("q");
        List<String> only = call.request().list("projects");
        List<SimProject> projects = call.state().projectsOf(call.organization()).stream()
                .filter(p -> query == null || p.key().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))
                        || p.name().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
                .filter(p -> only.isEmpty() || only.contains(p.key()))
                .toList();
        if (projects.isEmpty() && query == null && only.isEmpty()) {
            ObjectNode body = Fixtures.copy(fixture);
            Json.setOrganization(body.get("components"), call.organization());
            return Reply.json(Json.write(body));
        }
        ObjectNode body = Json.object();
        body.set("paging", paging.json(projects.size()));
        ArrayNode components = body.putArray("components");
        for (SimProject project : paging.slice(projects)) {
            ObjectNode json = components.addObject();
            json.put("organization", project.organizationOr(call.organization()));
            json.put("key", project.key());
            shape.accept(project, json);
        }
        return Reply.json(Json.write(body));
    }

    static Reply showComponent(Call call) {
        String key = call.required("component");
        String organization = organizationOf(call, key);
        var project = call.state().project(key);
        if (project.isPresent()) {
            ObjectNode body = Json.object();
            ObjectNode component = body.putObject("component");
            if (organization != null) {
                component.put("organization", organization);
            }
            component.put("key", key);
            component.put("name", project.get().name());
            component.put("qualifier", "TRK");
            component.put("analysisDate", SonarDates.format(SeedGenerator.BASE_DATE));
            component.put("visibility", "private");
            body.putArray("ancestors");
            return Reply.json(Json.write(body));
        }
        ObjectNode body = Fixtures.copy("component/show-example.json");
        ObjectNode component = (ObjectNode) body.get("component");
        component.put("key", key);
        if (organization != null) {
            component.put("organization", organization);
            Json.setOrganization(body.get("ancestors"), organization);
        }
        return Reply.json(Json.write(body));
    }

    static Reply componentTree(Call call) {
        String key = call.required("component");
        ObjectNode body = Fixtures.copy("component/tree-example.json");
        ObjectNode base = (ObjectNode) body.get("baseComponent");
        base.put("key", key);
        String organization = organizationOf(call, key);
        if (organization != null) {
            base.put("organization", organization);
            Json.setOrganization(body.get("components"), organization);
        }
        return Reply.json(Json.write(body));
    }

    // ---- measures

    /** The example measures that were asked for, plus a made-up value for each other requested metric. */
    static Reply componentMeasures(Call call) {
        String key = call.required("component");
        List<String> metricKeys = call.request().list("metricKeys");
        ObjectNode body = Fixtures.copy("measure/component-example.json");
        ObjectNode component = (ObjectNode) body.get("component");
        component.put("key", key);
        ArrayNode measures = Json.array();
        for (String metric : metricKeys) {
            JsonNode example = null;
            for (JsonNode measure : component.get("measures").values()) {
                if (measure.path("metric").asString().equals(metric)) {
                    example = measure;
                }
            }
            if (example != null) {
                measures.add(example);
            } else {
                ObjectNode made = measures.addObject();
                made.put("metric", metric);
                made.put("value", Integer.toString(Math.floorMod(metric.hashCode(), 100)));
            }
        }
        component.set("measures", measures);
        keepAdditionalFields(call, body);
        return Reply.json(Json.write(body));
    }

    static Reply componentTreeMeasures(Call call) {
        ObjectNode body = Fixtures.copy("measure/component_tree-example.json");
        ((ObjectNode) body.get("baseComponent")).put("key", call.required("component"));
        keepAdditionalFields(call, body);
        return Reply.json(Json.write(body));
    }

    /** {@code metrics} and {@code period} only come with {@code additionalFields}. */
    private static void keepAdditionalFields(Call call, ObjectNode body) {
        List<String> additional = call.request().list("additionalFields");
        if (!additional.contains("metrics")) {
            body.remove("metrics");
        }
        if (!additional.contains("period") && !additional.contains("periods")) {
            body.remove("period");
        }
    }

    // ---- quality gates

    static Reply projectStatus(Call call) {
        if (call.param("analysisId") == null && call.param("projectId") == null && call.param("projectKey") == null) {
            throw SonarApiException.badRequest("Either 'analysisId', 'projectId' or 'projectKey' must be provided");
        }
        return Reply.json(Fixtures.text("qualitygate/project_status-example.json"));
    }

    static Reply showQualityGate(Call call) {
        String id = call.param("id");
        String name = call.param("name");
        if (id == null && name == null) {
            throw SonarApiException.badRequest("Either 'id' or 'name' must be provided");
        }
        for (JsonNode gate : Fixtures.copy("qualitygate/list-example.json").get("qualitygates").values()) {
            if (gate.get("id").asString().equals(id) || gate.get("name").asString().equals(name)) {
                ObjectNode body = Json.object();
                body.put("id", gate.get("id").asString());
                body.put("name", gate.get("name").asString());
                ArrayNode conditions = body.putArray("conditions");
                condition(conditions, "AU-TpxcA-iU5OvuD2FL1", "new_coverage", "LT", "80");
                condition(conditions, "AU-TpxcA-iU5OvuD2FL2", "new_duplicated_lines_density", "GT", "3");
                condition(conditions, "AU-TpxcA-iU5OvuD2FL3", "new_security_rating", "GT", "1");
                condition(conditions, "AU-TpxcA-iU5OvuD2FL4", "new_reliability_rating", "GT", "1");
                condition(conditions, "AU-TpxcA-iU5OvuD2FL5", "new_maintainability_rating", "GT", "1");
                body.put("isBuiltIn", gate.get("isBuiltIn").asBoolean());
                body.put("isDefault", gate.get("isDefault").asBoolean());
                body.set("actions", gate.get("actions"));
                return Reply.json(Json.write(body));
            }
        }
        throw SonarApiException.notFound(id != null
                ? "No quality gate has been found for id " + id
                : "No quality gate has been found for name " + name);
    }

    private static void condition(ArrayNode conditions, String id, String metric, String op, String error) {
        ObjectNode condition = conditions.addObject();
        condition.put("id", id);
        condition.put("metric", metric);
        condition.put("op", op);
        condition.put("error", error);
    }

    // ---- rules

    static Reply showRule(Call call) {
        ObjectNode body = Fixtures.copy("rule/show-example.json");
        ((ObjectNode) body.get("rule")).put("key", call.required("key"));
        return Reply.json(Json.write(body));
    }

    // ---- webhooks

    static Reply createWebhook(Call call) {
        String name = call.required("name");
        String url = call.required("url");
        ObjectNode body = Fixtures.copy("webhook/example-webhook-create.json");
        ObjectNode webhook = (ObjectNode) body.get("webhook");
        webhook.put("key", UUID.nameUUIDFromBytes((name + "\n" + url).getBytes(StandardCharsets.UTF_8)).toString());
        webhook.put("name", name);
        webhook.put("url", url);
        webhook.put("hasSecret", call.param("secret") != null);
        return Reply.json(Json.write(body));
    }

    // ---- sources

    static Reply rawSource(Call call) {
        return Reply.text(Fixtures.text("source/example-raw.txt"));
    }

    // ---- compute engine

    /** The example tasks, paged with p/ps as SonarQube does since 9.4 (page size up to 1000). */
    static Reply activity(Call call) {
        Paging paging = Paging.parse(call.request(), 100, 1000);
        ObjectNode body = Fixtures.copy("ce/activity-example.json");
        List<JsonNode> tasks = new ArrayList<>();
        body.get("tasks").values().forEach(tasks::add);
        ArrayNode page = body.putArray("tasks");
        paging.slice(tasks).forEach(page::add);
        Json.setOrganization(page, call.organization());
        body.set("paging", paging.json(tasks.size()));
        return Reply.json(Json.write(body));
    }

    static Reply task(Call call) {
        String id = call.required("id");
        ObjectNode task = (ObjectNode) Fixtures.copy("ce/activity-example.json").get("tasks").get(0);
        task.put("id", id);
        String organization = organizationOf(call, task.get("componentKey").asString());
        if (organization != null) {
            task.put("organization", organization);
        }
        ObjectNode body = Json.object();
        body.set("task", task);
        return Reply.json(Json.write(body));
    }

    static Reply componentTasks(Call call) {
        String key = call.required("component");
        ObjectNode body = Fixtures.copy("ce/component-example.json");
        String organization = organizationOf(call, key);
        List<ObjectNode> tasks = new ArrayList<>();
        body.get("queue").values().forEach(task -> tasks.add((ObjectNode) task));
        tasks.add((ObjectNode) body.get("current"));
        for (ObjectNode task : tasks) {
            task.put("componentKey", key);
            if (organization != null) {
                task.put("organization", organization);
            }
        }
        return Reply.json(Json.write(body));
    }

    /** The organization of a component's project, or the {@code organization} parameter. */
    private static String organizationOf(Call call, String componentKey) {
        return call.state().projectOfComponent(componentKey)
                .map(project -> project.organizationOr(call.organization()))
                .orElse(call.organization());
    }

}
