package dev.connector.sonarcloud.action;

/** What an action does with its checked input: usually one SonarQube call and a mapping. */
@FunctionalInterface
public interface ActionHandler {
    ActionResult handle(ActionRun run);
}
