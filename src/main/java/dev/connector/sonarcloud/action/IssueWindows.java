package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issue search, oldest first, past SonarQube's 10,000-result cap. When the next page would cross the cap, the walk
 * opens a new window at the creation second of the last issue returned ({@code createdAfter} is inclusive) and
 * starts that window after the issues of that second it already returned. The state stays a few numbers however
 * many issues share a second (one analysis often creates thousands at once). Like p/ps paging itself, this relies
 * on SonarQube answering issues of the same second in the same order from one call to the next.
 *
 * @param field       the issues in the body ({@code issues})
 * @param startInput  the caller's input that starts the first window ({@code created_after}), already in
 *                    SonarQube's format
 */
public record IssueWindows(String field, String startInput) implements Pager<IssueWindows.State> {

    /**
     * @param windowStart  the window's {@code createdAfter} (null: from the beginning)
     * @param offset       results of the window already returned
     * @param size         the page size
     * @param lastSecond   the creation second of the last issue returned
     * @param atLastSecond how many issues of that second were returned
     */
    public record State(String windowStart, long offset, int size, String lastSecond, long atLastSecond) {
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        String windowStart = state != null ? state.windowStart() : port.input(startInput);
        int size = state == null ? port.pageSize() : state.size();
        SonarPaging.Position position = size < 1 ? null : SonarPaging.at(state == null ? 0 : state.offset(), size);
        if (position == null) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (windowStart != null) {
            extra.put("createdAfter", windowStart);
        }
        extra.put("s", "CREATION_DATE");
        extra.put("asc", "true");
        extra.put("p", Long.toString(position.page()));
        extra.put("ps", Integer.toString(size));
        JsonNode body = port.call(extra);
        List<JsonNode> issues = SonarPaging.items(body, field);
        List<JsonNode> fresh = issues.subList(Math.min(position.skip(), issues.size()), issues.size());
        if (!SonarPaging.hasMore(position.page(), size, issues.size(), SonarPaging.total(body))) {
            return new Page<>(body, fresh, null);
        }
        String lastSecond = second(issues.getLast());
        long atLastSecond = state != null && lastSecond.equals(state.lastSecond()) ? state.atLastSecond() : 0;
        for (JsonNode issue : fresh) {
            if (lastSecond.equals(second(issue))) {
                atLastSecond++;
            }
        }
        long consumed = (position.page() - 1) * size + issues.size();
        if (SonarPaging.at(consumed, size) != null) {
            return new Page<>(body, fresh, new State(windowStart, consumed, size, lastSecond, atLastSecond));
        }
        if (SonarPaging.at(atLastSecond, size) == null) {
            throw ApiException.providerError("More than 10,000 issues share one creation second; narrow the search with filters");
        }
        return new Page<>(body, fresh, new State(lastSecond, atLastSecond, size, lastSecond, atLastSecond));
    }

    /** The creation second of an issue in SonarQube's parameter format (offsets differ, instants compare). */
    private static String second(JsonNode issue) {
        OffsetDateTime parsed = Normalize.parseSonarDateTime(issue.path("creationDate").asString(""));
        if (parsed == null) {
            throw ApiException.providerError("SonarQube Cloud answered an issue without a readable creation date");
        }
        return Normalize.sonarDateTime(parsed);
    }
}
