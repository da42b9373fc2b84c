package dev.connector.sonarcloud.action;

import java.util.List;

/** A SonarQube domain's actions (projects, issues, …); each domain is one bean in the {@code catalog} package. */
public interface ActionCatalog {
    List<ActionDefinition> actions();
}
