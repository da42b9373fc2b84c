package dev.connector.sonarcloud.action;

import tools.jackson.databind.JsonNode;

/** {@code data} (an object, or an array for lists), the next cursor of a list, and the upstream body for {@code raw}. */
public record ActionResult(JsonNode data, String next, JsonNode raw) {
}
