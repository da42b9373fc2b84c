package dev.connector.sonarcloud.action;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Every item of the array at {@code field}, in one answer (endpoints without paging). */
public record WholeList(String field) implements Pager<Void> {

    @Override
    public Class<Void> stateType() {
        return null;
    }

    @Override
    public Page<Void> fetch(ActionPort port, Void state) {
        JsonNode body = port.call(Map.of());
        return new Page<>(body, SonarPaging.items(body, field), null);
    }
}
