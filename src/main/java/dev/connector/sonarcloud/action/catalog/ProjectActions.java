package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import org.springframework.stereotype.Component;

/** Projects and their components. */
@Component
public class ProjectActions implements ActionCatalog {

    static final Mapping PROJECT = Mapping.of("key", "name", "qualifier", "project", "organization", "visibility",
            "description", "tags", "analysisDate->last_analysis_at", "version");

    static final Mapping COMPONENT = Mapping.of("key", "name", "qualifier", "path", "language", "project",
            "organization", "analysisDate->last_analysis_at", "leakPeriodDate->new_code_period_started_at", "version",
            "visibility", "tags", "description");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_projects", "/actions/projects", "List projects",
                                "The organization's projects, optionally filtered by a text in their name or key.")
                        .domain("projects")
                        .params(Param.string("q", "Text to find in project names or keys (at least 2 characters)"))
                        .call("api/components/search").organization().fixed("qualifiers", "TRK")
                        .permission(SonarPermission.BROWSE)
                        .pages("components", PROJECT),

                Action.read("sonarcloud_get_project", "/actions/projects/{project_key}", "Get a project or component",
                                "A project (or any component) by key, with its last analysis date.")
                        .domain("projects")
                        .params(CommonParams.componentKey("project_key", "Project or component key", "component"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/components/show")
                        .permission(SonarPermission.BROWSE)
                        .object("component", COMPONENT),

                Action.read("sonarcloud_list_components", "/actions/projects/{project_key}/components",
                                "List a project's components",
                                "Directories and files under a project (or a component), optionally filtered.")
                        .domain("projects")
                        .params(CommonParams.componentKey("project_key", "Project or base component key", "component"),
                                Param.string("strategy", "children, leaves (default: all descendants)")
                                        .oneOf("all", "children", "leaves"),
                                Param.list("qualifiers", "Component qualifiers").oneOf("DIR", "FIL", "UTS"),
                                Param.string("q", "Text to find in component names or keys"),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/components/tree")
                        .permission(SonarPermission.BROWSE)
                        .pages("components", COMPONENT));
    }
}
