package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ItemMapper;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Normalize;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Measures of projects and their components, their history, and the metrics they are made of. */
@Component
public class MeasureActions implements ActionCatalog {

    /** A component with its measures ({@code metric}, {@code value}, {@code best_value}, {@code period}, …). */
    static final Mapping MEASURED_COMPONENT = Mapping.of("key", "name", "description", "qualifier", "language",
            "path", "measures");

    /** {@code metrics} and {@code period} come only when asked with {@code additional_fields}. */
    private static final List<String> COMPONENT_MEASURES_FIELDS;

    static {
        List<String> fields = new ArrayList<>(MEASURED_COMPONENT.outputFields());
        fields.add("metrics");
        fields.add("period");
        COMPONENT_MEASURES_FIELDS = List.copyOf(fields);
    }

    private static final ItemMapper COMPONENT_MEASURES = (component, body) -> {
        ObjectNode out = MEASURED_COMPONENT.apply(component);
        out.set("metrics", Normalize.value(body.path("metrics")));
        out.set("period", Normalize.value(body.path("period")));
        return out;
    };

    static final Mapping METRIC = Mapping.of("id", "key", "name", "description", "domain", "type", "direction",
            "qualitative", "hidden", "custom");

    private static Param projectKey() {
        return CommonParams.componentKey("project_key", "Project or component key", "component");
    }

    private static Param metricKeys() {
        return Param.list("metric_keys", "Metric keys, e.g. ncloc, coverage, bugs (see sonarcloud_list_metrics)")
                .required();
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_get_component_measures", "/actions/projects/{project_key}/measures",
                                "Get measures of a project or component",
                                "Current values of the given metrics for a project (or any component).")
                        .domain("measures")
                        .params(projectKey(), metricKeys(),
                                CommonParams.branch(),
                                CommonParams.pullRequest(),
                                Param.list("additional_fields", "Also answer the metrics' definitions or the new code period")
                                        .oneOf("metrics", "period"))
                        .call("api/measures/component")
                        .permission(SonarPermission.BROWSE)
                        .object("component", COMPONENT_MEASURES, COMPONENT_MEASURES_FIELDS),

                Action.read("sonarcloud_get_component_tree_measures", "/actions/projects/{project_key}/measures/tree",
                                "Get measures of a project's components",
                                "The given metrics for the directories and files under a project (or a component).")
                        .domain("measures")
                        .params(projectKey(), metricKeys(),
                                Param.string("strategy", "children, leaves (default: all descendants)")
                                        .oneOf("all", "children", "leaves"),
                                Param.list("qualifiers", "Component qualifiers").oneOf("DIR", "FIL", "UTS"),
                                Param.string("q", "Text to find in component names or keys"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/measures/component_tree")
                        .permission(SonarPermission.BROWSE)
                        .pages("components", MEASURED_COMPONENT),

                Action.read("sonarcloud_get_measures_history", "/actions/projects/{project_key}/measures/history",
                                "Get measures history",
                                "Values of the given metrics at each analysis of a project, oldest first; pages go by analysis.")
                        .domain("measures")
                        .params(projectKey(),
                                Param.list("metrics", "Metric keys, e.g. ncloc, coverage").required(),
                                Param.dateTime("from", "Analyses at or after"),
                                Param.dateTime("to", "Analyses at or before"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/measures/search_history")
                        .permission(SonarPermission.BROWSE)
                        .pages("measures", Mapping.of("metric", "history")),

                Action.read("sonarcloud_list_metrics", "/actions/metrics", "List metrics",
                                "Every metric: key, name, type, domain.")
                        .domain("measures")
                        .call("api/metrics/search")
                        .permission(SonarPermission.NONE)
                        .pages("metrics", METRIC));
    }
}
