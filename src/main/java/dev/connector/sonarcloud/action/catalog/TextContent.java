package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.sonar.SonarResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A body that is not JSON (an SVG badge, an XML backup): {@code {content_type, content}}. Through REST the action
 * answers the content itself with its content type; through RPC this object.
 */
final class TextContent {

    private TextContent() {
    }

    static ActionResult result(SonarResponse response) {
        return result(response, response.contentType() == null ? "application/octet-stream" : response.contentType());
    }

    static ActionResult result(SonarResponse response, String type) {
        String content = new String(response.body(), StandardCharsets.UTF_8);
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("content_type", type).put("content", content);
        return new ActionResult(data, null, JsonNodeFactory.instance.stringNode(content));
    }
}
