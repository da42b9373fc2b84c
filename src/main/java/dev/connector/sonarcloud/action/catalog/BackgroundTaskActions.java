package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.stereotype.Component;

/** Background (Compute Engine) tasks: analysis reports being processed, and their outcome. */
@Component
public class BackgroundTaskActions implements ActionCatalog {

    static final String TASK_ID = "[A-Za-z0-9_-]{1,100}";

    static final Mapping TASK = Mapping.of("id", "type", "componentKey", "componentName", "componentQualifier",
            "organization", "analysisId", "status", "branch", "branchType", "pullRequest", "submitterLogin",
            "submittedAt", "startedAt", "executedAt", "executionTimeMs", "errorMessage", "errorType",
            "hasScannerContext", "warningCount", "warnings");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_background_tasks", "/actions/background_tasks", "List background tasks",
                                "The organization's background tasks (analysis reports being processed or done), "
                                        + "newest first, filtered by project, status, type or date.")
                        .domain("background_tasks")
                        .params(Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY),
                                Param.list("status", "Task statuses")
                                        .oneOf("SUCCESS", "FAILED", "CANCELED", "PENDING", "IN_PROGRESS"),
                                Param.string("type", "Task type, e.g. REPORT").matching("[A-Z_]{1,100}"),
                                Param.bool("only_current", "Only the latest finished task of each project")
                                        .sonar("onlyCurrents"),
                                Param.dateTime("min_submitted_at", "Submitted at or after"),
                                Param.dateTime("max_executed_at", "Finished at or before"))
                        .call("api/ce/activity").organization()
                        .permission(SonarPermission.ADMINISTER)
                        .pages("tasks", TASK),

                Action.read("sonarcloud_get_background_task", "/actions/background_tasks/{task_id}",
                                "Get a background task", "One background task by id, with its status and error.")
                        .domain("background_tasks")
                        .params(Param.string("task_id", "Task id").required().matching(TASK_ID).sonar("id"))
                        .call("api/ce/task")
                        .permission(SonarPermission.ADMINISTER)
                        .object("task", TASK));
    }
}
