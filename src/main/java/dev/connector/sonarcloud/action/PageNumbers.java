package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** SonarQube's {@code p}/{@code ps} pages, up to the 10,000-result cap. */
public record PageNumbers(String field) implements Pager<PageNumbers.State> {

    /** The next request: page {@code page} of {@code size}. */
    public record State(long page, int size) {
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        long page = state == null ? 1 : state.page();
        int size = state == null ? port.pageSize() : state.size();
        if (page < 1 || size < 1 || page * size > SonarPaging.RESULT_CAP) {
            throw ApiException.validation("next", "is not a cursor of this list");
        }
        JsonNode body = port.call(SonarRequest.params("p", Long.toString(page), "ps", Integer.toString(size)));
        List<JsonNode> items = SonarPaging.items(body, field, size);
        SonarPaging.Position next = SonarPaging.hasMore(page, size, items.size(), SonarPaging.total(body))
                ? SonarPaging.at(page * size, size) : null;
        return new Page<>(body, items, next == null ? null : new State(next.page(), next.size()));
    }
}
