package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.ActionHandler;
import dev.connector.sonarcloud.action.ActionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Most Web API writes answer 204 with no body. Such an action answers what it was asked ({@code inputs}, by their
 * caller-facing names) and {@code done: true}, so a caller sees which object the change applied to.
 */
final class Acknowledged {

    private Acknowledged() {
    }

    static ActionHandler handler(String... inputs) {
        return port -> {
            port.callRaw(Map.of());
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (String input : inputs) {
                data.put(input, port.input(input));
            }
            data.put("done", true);
            return new ActionResult(data, null, null);
        };
    }

    static List<String> fields(String... inputs) {
        List<String> fields = new ArrayList<>(List.of(inputs));
        fields.add("done");
        return List.copyOf(fields);
    }
}
