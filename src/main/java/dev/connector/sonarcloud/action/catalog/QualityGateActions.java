package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A project's quality gate status. The gates themselves moved to the Web API v2 ({@link QualityGateV2Actions});
 * the status stays on {@code api/qualitygates/project_status}, deprecated on SonarQube Cloud since 2025-09-16 like
 * every {@code api/qualitygates/*} endpoint, because the v2 API offers no replacement for it yet (SonarSource's own
 * MCP server reads the status there too).
 */
@Component
public class QualityGateActions implements ActionCatalog {

    static final Mapping PROJECT_STATUS = Mapping.of("status", "conditions", "ignoredConditions", "period",
            "periods", "caycStatus");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_get_project_quality_gate_status", "/actions/projects/{project_key}/quality_gate",
                                "Get a project's quality gate status",
                                "Whether the project (or a branch or pull request) passes its quality gate, condition "
                                        + "by condition. Served by api/qualitygates/project_status: deprecated on "
                                        + "SonarQube Cloud with the rest of the v1 quality gate API, but the Web API v2 "
                                        + "has no status endpoint to replace it.")
                        .domain("quality_gates")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/qualitygates/project_status")
                        .permission(SonarPermission.BROWSE)
                        .object("projectStatus", PROJECT_STATUS));
    }
}
