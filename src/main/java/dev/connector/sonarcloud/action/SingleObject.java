package dev.connector.sonarcloud.action;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One object: the value at {@code field} of the body ({@code ""}: the body itself). */
public record SingleObject(String field) implements Pager<Void> {

    @Override
    public Class<Void> stateType() {
        return null;
    }

    @Override
    public boolean listResult() {
        return false;
    }

    @Override
    public Page<Void> fetch(ActionPort port, Void state) {
        JsonNode body = port.call(Map.of());
        return new Page<>(body, List.of(SonarPaging.at(body, field)), null);
    }
}
