package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionPort;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.action.Upstream;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quality gates on the Web API v2. SonarSource deprecated every {@code api/qualitygates/*} endpoint on SonarQube
 * Cloud on 2025-09-16; gates, their conditions, the organization's default and project associations are read and
 * written here through {@code /quality-gates/*} on the region's API host, which names the organization by its v2 id.
 * A project's (or branch's, or pull request's) gate status stays on {@code api/qualitygates/project_status}: the
 * v2 API has no equivalent yet (see {@code sonarcloud_get_project_quality_gate_status}).
 */
@Component
public class QualityGateV2Actions implements ActionCatalog {

    static final String UUID = "[A-Za-z0-9-]{1,64}";
    static final Mapping GATE = Mapping.of("id", "name", "builtIn", "aiQualified", "default");
    static final Mapping CONDITION = Mapping.of("id", "qualityGateId->gate_id", "legacyMetricId->metric_id",
            "metricKey->metric", "operator", "threshold");
    static final Mapping ASSOCIATION = Mapping.of("id", "projectId->project_id", "qualityGateId->gate_id",
            "defaultFallback");

    static final Upstream CONDITIONS = new Upstream(HttpMethod.GET, Upstream.Host.V2, "quality-gates/conditions",
            Map.of(), false);
    static final Upstream PROJECTS = Upstream.v2(HttpMethod.GET, "projects/projects", "organizationIds");
    static final Upstream ASSOCIATIONS = Upstream.v2(HttpMethod.GET, "quality-gates/project-associations",
            "organizationId");
    static final Upstream ASSOCIATE = new Upstream(HttpMethod.POST, Upstream.Host.V2,
            "quality-gates/project-associations", Map.of(), false);

    private static Param gateId(String sonarName) {
        return Param.string("gate_id", "Quality gate id (a UUID, from sonarcloud_list_quality_gates)").required()
                .matching(UUID).sonar(sonarName);
    }

    private static Param conditionId() {
        return Param.string("condition_id", "Condition id").required().matching(UUID).sonar("id");
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_quality_gates", "/actions/quality_gates", "List quality gates",
                                "The organization's quality gates (Web API v2; the v1 list is deprecated on SonarQube "
                                        + "Cloud).")
                        .domain("quality_gates")
                        .call(HttpMethod.GET, Upstream.Host.V2, "quality-gates/quality-gates")
                        .organizationId("organizationId").permission(SonarPermission.ORGANIZATION_MEMBER)
                        .v2Pages("qualityGates", GATE),

                Action.read("sonarcloud_get_quality_gate", "/actions/quality_gates/{gate_id}", "Get a quality gate",
                                "One quality gate with its conditions (Web API v2).")
                        .domain("quality_gates").params(gateId("id"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "quality-gates/quality-gates/{gate_id}")
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .custom(withConditions(GATE.outputFields()), port -> {
                            JsonNode gate = port.call(Map.of());
                            JsonNode conditions = port.call(CONDITIONS, Map.of("qualityGateId", port.input("gate_id")));
                            ObjectNode data = GATE.apply(gate);
                            var list = data.putArray("conditions");
                            conditions.path("conditions").forEach(c -> list.add(CONDITION.apply(c)));
                            ObjectNode raw = JsonNodeFactory.instance.objectNode();
                            raw.set("gate", gate);
                            raw.set("conditions", conditions.path("conditions"));
                            return new ActionResult(data, null, raw);
                        }),

                Action.write("sonarcloud_create_quality_gate", HttpMethod.POST, "/actions/quality_gates",
                                "Create a quality gate", "Creates a gate without conditions and answers it.")
                        .domain("quality_gates")
                        .params(Param.string("name", "Gate name").required().matching(".{1,100}"))
                        .call(HttpMethod.POST, Upstream.Host.V2, "quality-gates/quality-gates")
                        .organizationId("organizationId").permission(SonarPermission.ADMINISTER)
                        .object("", GATE),

                Action.write("sonarcloud_update_quality_gate", HttpMethod.PATCH, "/actions/quality_gates/{gate_id}",
                                "Rename a quality gate", "Renames a gate (not a built-in one) and answers it.")
                        .domain("quality_gates")
                        .params(gateId("id"), Param.string("name", "New name").required().matching(".{1,100}"))
                        .call(HttpMethod.PATCH, Upstream.Host.V2, "quality-gates/quality-gates/{gate_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .object("", GATE),

                Action.write("sonarcloud_delete_quality_gate", HttpMethod.DELETE, "/actions/quality_gates/{gate_id}",
                                "Delete a quality gate",
                                "Deletes a gate (not a built-in one); its projects fall back to the default gate.")
                        .domain("quality_gates").params(gateId("id"))
                        .call(HttpMethod.DELETE, Upstream.Host.V2, "quality-gates/quality-gates/{gate_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("gate_id"), Acknowledged.handler("gate_id")),

                Action.write("sonarcloud_set_default_quality_gate", HttpMethod.POST,
                                "/actions/quality_gates/{gate_id}/default", "Set the default quality gate",
                                "Projects without a gate of their own use this one (Team and Enterprise plans).")
                        .domain("quality_gates").params(gateId("qualityGateId"))
                        .call(HttpMethod.PATCH, Upstream.Host.V2, "quality-gates/quality-gates/defaults/{organization_id}")
                        .organizationId("organization_id").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("gate_id"), Acknowledged.handler("gate_id")),

                Action.read("sonarcloud_list_quality_gate_conditions", "/actions/quality_gates/{gate_id}/conditions",
                                "List a quality gate's conditions",
                                "Each condition: metric (legacy numeric id and key), operator and threshold.")
                        .domain("quality_gates").params(gateId("qualityGateId"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "quality-gates/conditions")
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .list("conditions", CONDITION),

                Action.write("sonarcloud_create_quality_gate_condition", HttpMethod.POST,
                                "/actions/quality_gates/{gate_id}/conditions", "Add a quality gate condition",
                                "Adds a condition (metric by its legacy numeric id, as the v2 API names it) and "
                                        + "answers it.")
                        .domain("quality_gates")
                        .params(gateId("qualityGateId"),
                                Param.integer("metric_id", "Legacy metric id (the id of sonarcloud_list_metrics)", 1,
                                        Integer.MAX_VALUE).required().sonar("legacyMetricId"),
                                Param.string("operator", "Operator").required().oneOf("LESS_THAN", "GREATER_THAN"),
                                Param.string("threshold", "Threshold").required().matching("-?[0-9]{1,15}(\\.[0-9]{1,6})?"))
                        .call(HttpMethod.POST, Upstream.Host.V2, "quality-gates/conditions")
                        .permission(SonarPermission.ADMINISTER)
                        .object("", CONDITION),

                Action.write("sonarcloud_update_quality_gate_condition", HttpMethod.PATCH,
                                "/actions/quality_gate_conditions/{condition_id}", "Change a quality gate condition",
                                "Changes a condition's operator and/or threshold and answers it.")
                        .domain("quality_gates")
                        .params(conditionId(),
                                Param.string("operator", "Operator").oneOf("LESS_THAN", "GREATER_THAN"),
                                Param.string("threshold", "Threshold").matching("-?[0-9]{1,15}(\\.[0-9]{1,6})?"))
                        .call(HttpMethod.PATCH, Upstream.Host.V2, "quality-gates/conditions/{condition_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .object("", CONDITION),

                Action.write("sonarcloud_delete_quality_gate_condition", HttpMethod.DELETE,
                                "/actions/quality_gate_conditions/{condition_id}", "Delete a quality gate condition",
                                "Removes a condition from its gate.")
                        .domain("quality_gates").params(conditionId())
                        .call(HttpMethod.DELETE, Upstream.Host.V2, "quality-gates/conditions/{condition_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("condition_id"), Acknowledged.handler("condition_id")),

                Action.read("sonarcloud_get_project_quality_gate", "/actions/projects/{project_key}/quality_gate_association",
                                "Get a project's quality gate",
                                "Which gate a project uses; default_fallback is true when it has none of its own and "
                                        + "uses the organization's default.")
                        .domain("quality_gates")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "quality-gates/project-associations")
                        .organizationId("organizationId").permission(SonarPermission.BROWSE)
                        .custom(ASSOCIATION.outputFields(), port -> {
                            String projectId = legacyProjectId(port);
                            JsonNode body = port.call(ASSOCIATIONS, Map.of("projectIds", projectId));
                            for (JsonNode association : body.path("projectAssociations")) {
                                if (projectId.equals(association.path("projectId").asString(null))) {
                                    return new ActionResult(ASSOCIATION.apply(association), null, body);
                                }
                            }
                            throw ApiException.notFound("Project '" + port.input("project_key")
                                    + "' has no quality gate association");
                        }),

                Action.write("sonarcloud_assign_project_quality_gate", HttpMethod.POST,
                                "/actions/projects/{project_key}/quality_gate_association",
                                "Use a quality gate for a project", "Makes a project use a gate and answers the association.")
                        .domain("quality_gates")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                gateId("qualityGateId"))
                        .call(HttpMethod.POST, Upstream.Host.V2, "quality-gates/project-associations")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(ASSOCIATION.outputFields(), port -> {
                            String projectId = legacyProjectId(port);
                            JsonNode body = port.call(ASSOCIATE, Map.of("projectId", projectId,
                                    "qualityGateId", port.input("gate_id")));
                            return new ActionResult(ASSOCIATION.apply(body), null, body);
                        }),

                Action.write("sonarcloud_unassign_project_quality_gate", HttpMethod.DELETE,
                                "/actions/quality_gate_associations/{association_id}",
                                "Stop using a quality gate for a project",
                                "Deletes a project's association: it falls back to the organization's default gate.")
                        .domain("quality_gates")
                        .params(Param.string("association_id", "Association id (from sonarcloud_get_project_quality_gate)")
                                .required().matching(UUID).sonar("id"))
                        .call(HttpMethod.DELETE, Upstream.Host.V2, "quality-gates/project-associations/{association_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("association_id"), Acknowledged.handler("association_id")),

                Action.read("sonarcloud_get_projects_by_keys", "/actions/projects/by_keys", "Get projects by keys",
                                "Projects of the organization by key, with their v2 ids, legacy ids, tags and links.")
                        .domain("projects")
                        .params(Param.list("keys", "Project keys").required())
                        .call(HttpMethod.GET, Upstream.Host.V2, "projects/projects")
                        .organizationId("organizationIds").permission(SonarPermission.BROWSE)
                        .v2Pages("projects", Mapping.of("id", "legacyId", "key", "name", "visibility",
                                "organizationId", "tags", "links")));
    }

    /** The project's legacy id, which is how v2 quality-gate associations name a project. */
    private static String legacyProjectId(ActionPort port) {
        JsonNode projects = port.call(PROJECTS, Map.of("keys", port.input("project_key")));
        for (JsonNode project : projects.path("projects")) {
            if (port.input("project_key").equals(project.path("key").asString(null))) {
                return project.path("legacyId").asString();
            }
        }
        throw ApiException.notFound("No project '" + port.input("project_key") + "' in this organization");
    }

    private static List<String> withConditions(List<String> fields) {
        List<String> all = new java.util.ArrayList<>(fields);
        all.add("conditions");
        return List.copyOf(all);
    }
}
