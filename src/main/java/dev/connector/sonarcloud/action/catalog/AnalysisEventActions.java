package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Analysis events (versions and other markers), analyses, and the state of background processing. */
@Component
public class AnalysisEventActions implements ActionCatalog {

    static final String KEY = "[A-Za-z0-9_.:-]{1,100}";
    static final Mapping EVENT = Mapping.of("key", "analysis", "category", "name");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.write("sonarcloud_create_analysis_event", HttpMethod.POST, "/actions/analyses/{analysis_key}/events",
                                "Create an analysis event", "Marks an analysis with a VERSION or OTHER event.")
                        .domain("analyses")
                        .params(Param.string("analysis_key", "Analysis key").required().matching(KEY).sonar("analysis"),
                                Param.string("name", "Event name, e.g. 1.4.0").required().matching(".{1,400}"),
                                Param.string("category", "Category (default OTHER)").oneOf("VERSION", "OTHER"))
                        .call("api/project_analyses/create_event").permission(SonarPermission.ADMINISTER)
                        .object("event", EVENT),

                Action.write("sonarcloud_update_analysis_event", HttpMethod.PATCH, "/actions/analysis_events/{event_key}",
                                "Rename an analysis event", "Renames a VERSION or OTHER event.")
                        .domain("analyses")
                        .params(Param.string("event_key", "Event key").required().matching(KEY).sonar("event"),
                                Param.string("name", "New name").required().matching(".{1,400}"))
                        .call("api/project_analyses/update_event").permission(SonarPermission.ADMINISTER)
                        .object("event", EVENT),

                Action.write("sonarcloud_delete_analysis_event", HttpMethod.DELETE, "/actions/analysis_events/{event_key}",
                                "Delete an analysis event", "Removes a VERSION or OTHER event from its analysis.")
                        .domain("analyses")
                        .params(Param.string("event_key", "Event key").required().matching(KEY).sonar("event"))
                        .call("api/project_analyses/delete_event").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("event_key"), Acknowledged.handler("event_key")),

                Action.write("sonarcloud_delete_analysis", HttpMethod.DELETE, "/actions/analyses/{analysis_key}",
                                "Delete an analysis", "Deletes an analysis snapshot (not the last one).")
                        .domain("analyses")
                        .params(Param.string("analysis_key", "Analysis key").required().matching(KEY).sonar("analysis"))
                        .call("api/project_analyses/delete").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("analysis_key"), Acknowledged.handler("analysis_key")),

                Action.read("sonarcloud_get_component_tasks", "/actions/projects/{project_key}/tasks",
                                "Get a project's background tasks",
                                "The pending and running background tasks of a project and its last finished one "
                                        + "(is an analysis being processed?).")
                        .domain("background_tasks")
                        .params(CommonParams.componentKey("project_key", "Project key", "component"))
                        .call("api/ce/component").permission(SonarPermission.BROWSE)
                        .object("", Mapping.of("queue", "current")),

                Action.read("sonarcloud_get_background_task_metrics", "/actions/background_tasks/metrics",
                                "Get background task counters",
                                "How many background tasks are pending, running and failing, and the pending time.")
                        .domain("background_tasks")
                        .params(Param.string("component", "Project key").matching(CommonParams.COMPONENT_KEY))
                        .call("api/ce/activity_status").permission(SonarPermission.ADMINISTER)
                        .object("", Mapping.of("pending", "inProgress", "failing", "pendingTime")),

                Action.read("sonarcloud_get_analysis_warnings", "/actions/projects/{project_key}/analysis_warnings",
                                "Get analysis warnings", "Scanner warnings of the last analysis of a branch or pull request.")
                        .domain("background_tasks")
                        .params(CommonParams.componentKey("project_key", "Project key", "component"),
                                CommonParams.branch(), CommonParams.pullRequest())
                        .call("api/ce/analysis_status").permission(SonarPermission.BROWSE)
                        .object("component", Mapping.of("key", "name", "branch", "pullRequest", "warnings")));
    }
}
