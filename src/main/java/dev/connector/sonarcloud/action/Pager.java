package dev.connector.sonarcloud.action;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How an action reads its result out of SonarQube Cloud: one object, one whole list, or pages walked in one of
 * SonarQube's ways. A paged pager has a cursor state record ({@link #stateType()}); the executor signs it into the
 * opaque {@code next} and gives it back on the following request. Pagers call SonarQube only through the
 * {@link ActionPort}; the executor maps the items they return.
 *
 * @param <S> the cursor state ({@link Void} when there are no pages)
 */
public sealed interface Pager<S> permits SingleObject, WholeList, PageNumbers, IssueWindows, FilterPartitions,
        V2PageIndex {

    /** What one fetch read: the whole upstream body, its items (one for a single object) and the next state. */
    record Page<S>(JsonNode body, List<JsonNode> items, S next) {
    }

    /** The dotted path of the items in the upstream body ({@code ""} for the body itself). */
    String field();

    /** The cursor state type, or null when the action answers everything at once. */
    Class<S> stateType();

    /** Fetches the page at {@code state} (the first one when null). */
    Page<S> fetch(ActionPort port, S state);

    /** Whether the action takes {@code page_size} and {@code next}. */
    default boolean paged() {
        return stateType() != null;
    }

    /** Whether {@code data} is a list rather than one object. */
    default boolean listResult() {
        return true;
    }
}
