package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.stereotype.Component;

/** A project's analyses, branches and pull requests. */
@Component
public class AnalysisActions implements ActionCatalog {

    static final Mapping ANALYSIS = Mapping.of("key", "date", "projectVersion", "buildString", "revision",
            "manualNewCodePeriodBaseline", "events");

    static final Mapping BRANCH = Mapping.of("name", "isMain", "type", "status", "analysisDate->last_analysis_at");

    static final Mapping PULL_REQUEST = Mapping.of("key", "title", "branch", "base", "target", "status", "url",
            "analysisDate->last_analysis_at");

    private static Param projectKey() {
        return CommonParams.componentKey("project_key", "Project key", "project");
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_analyses", "/actions/projects/{project_key}/analyses", "List analyses",
                                "A project's analyses, newest first, with their events (versions, quality gate changes, …).")
                        .domain("analyses")
                        .params(projectKey(),
                                CommonParams.branch(),
                                Param.string("category", "Only analyses with an event of this category")
                                        .oneOf("VERSION", "OTHER", "QUALITY_PROFILE", "QUALITY_GATE",
                                                "DEFINITION_CHANGE", "ISSUE_DETECTION", "SQ_UPGRADE"),
                                Param.dateTime("from", "Analyses at or after"),
                                Param.dateTime("to", "Analyses at or before"))
                        .call("api/project_analyses/search")
                        .permission(SonarPermission.BROWSE)
                        .pages("analyses", ANALYSIS),

                Action.read("sonarcloud_list_branches", "/actions/projects/{project_key}/branches", "List branches",
                                "A project's branches with their quality gate status and last analysis.")
                        .domain("analyses")
                        .params(projectKey())
                        .call("api/project_branches/list")
                        .permission(SonarPermission.BROWSE)
                        .list("branches", BRANCH),

                Action.read("sonarcloud_list_pull_requests", "/actions/projects/{project_key}/pull_requests",
                                "List pull requests",
                                "A project's analyzed pull requests with their quality gate status and last analysis.")
                        .domain("analyses")
                        .params(projectKey())
                        .call("api/project_pull_requests/list")
                        .permission(SonarPermission.BROWSE)
                        .list("pullRequests", PULL_REQUEST));
    }
}
