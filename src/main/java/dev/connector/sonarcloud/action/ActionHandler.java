package dev.connector.sonarcloud.action;

/**
 * An action's own logic, for the few that are more than a pager and a mapping (a 404 on an empty search, a follow-up
 * read after a write, a body that is not JSON). It answers in the shape its definition's pager declares.
 */
@FunctionalInterface
public interface ActionHandler {
    ActionResult handle(ActionPort port);
}
