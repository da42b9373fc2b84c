package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Param;

/** Parameters many SonarQube endpoints share. */
final class CommonParams {

    /** Project, directory or file keys (file keys contain '/': URL-encode them in REST paths). */
    static final String COMPONENT_KEY = "[A-Za-z0-9_.:/ -]{1,400}";

    private CommonParams() {
    }

    static Param branch() {
        return Param.string("branch", "Branch name");
    }

    static Param pullRequest() {
        return Param.string("pull_request", "Pull request id");
    }

    /** A required key in the route, sent to SonarQube under {@code sonarName}. */
    static Param componentKey(String name, String description, String sonarName) {
        return Param.string(name, description).required().matching(COMPONENT_KEY).sonar(sonarName);
    }
}
