package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.stereotype.Component;

/** Quality gates: a project's gate status, and the organization's gates. */
@Component
public class QualityGateActions implements ActionCatalog {

    static final Mapping PROJECT_STATUS = Mapping.of("status", "conditions", "ignoredConditions", "period",
            "periods", "caycStatus");

    static final Mapping GATE = Mapping.of("id", "name", "isDefault", "isBuiltIn", "actions");

    static final Mapping GATE_WITH_CONDITIONS = Mapping.of("id", "name", "isDefault", "isBuiltIn", "conditions",
            "actions");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_get_project_quality_gate_status", "/actions/projects/{project_key}/quality_gate",
                                "Get a project's quality gate status",
                                "Whether the project (or a branch or pull request) passes its quality gate, condition by condition.")
                        .domain("quality_gates")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/qualitygates/project_status")
                        .permission(SonarPermission.BROWSE)
                        .object("projectStatus", PROJECT_STATUS),

                Action.read("sonarcloud_list_quality_gates", "/actions/quality_gates", "List quality gates",
                                "The organization's quality gates.")
                        .domain("quality_gates")
                        .call("api/qualitygates/list").organization()
                        .permission(SonarPermission.NONE)
                        .list("qualitygates", GATE),

                Action.read("sonarcloud_get_quality_gate", "/actions/quality_gates/{gate_id}", "Get a quality gate",
                                "One quality gate of the organization, with its conditions.")
                        .domain("quality_gates")
                        .params(Param.string("gate_id", "Quality gate id (from sonarcloud_list_quality_gates)").required()
                                .matching("[A-Za-z0-9_-]{1,100}").sonar("id"))
                        .call("api/qualitygates/show").organization()
                        .permission(SonarPermission.NONE)
                        .object("", GATE_WITH_CONDITIONS));
    }
}
