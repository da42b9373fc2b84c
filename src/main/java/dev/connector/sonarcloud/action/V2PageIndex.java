package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The v2 API's {@code pageIndex}/{@code pageSize} pages; the body's {@code page.total} says when to stop. Some v2
 * lists take smaller pages than the caller may ask for ({@code maxPageSize}, e.g. 50 for portfolios): their pages
 * are that big at most.
 */
public record V2PageIndex(String field, int maxPageSize) implements Pager<V2PageIndex.State> {

    public V2PageIndex(String field) {
        this(field, ActionDefinition.MAX_PAGE_SIZE);
    }

    public record State(long pageIndex, int pageSize) {
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        long index = state == null ? 1 : state.pageIndex();
        int size = state == null ? Math.min(port.pageSize(), maxPageSize) : state.pageSize();
        if (index < 1 || size < 1 || size > maxPageSize) {
            throw ApiException.validation("next", "is not a cursor of this list");
        }
        JsonNode body = port.call(SonarRequest.params("pageIndex", Long.toString(index), "pageSize", Integer.toString(size)));
        List<JsonNode> items = SonarPaging.items(body, field, size);
        boolean more = SonarPaging.hasMore(index, size, items.size(), SonarPaging.total(body));
        return new Page<>(body, items, more ? new State(index + 1, size) : null);
    }
}
