package dev.connector.sonarcloud.action;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * SonarQube's paging arithmetic, written once: pages are 1-based {@code p} of size {@code ps}, and SonarQube refuses
 * any request with {@code p × ps} past the 10,000th result.
 */
public final class SonarPaging {

    public static final int RESULT_CAP = 10_000;

    private SonarPaging() {
    }

    /** A p/ps request, and how many of its results were returned before ({@code skip}). */
    public record Position(long page, int size, int skip) {
    }

    /**
     * The request that continues after {@code offset} results (0-based) with pages of {@code size}: page
     * {@code offset / size + 1}, skipping {@code offset % size}. Null when SonarQube would refuse it (past the cap).
     */
    public static Position at(long offset, int size) {
        long page = offset / size + 1;
        return page * size <= RESULT_CAP ? new Position(page, size, (int) (offset % size)) : null;
    }

    /**
     * Like {@link #at}, but shrinks the page size to the largest one (at most {@code size}) that starts exactly at
     * {@code offset} and ends within the cap, so that the last results below 10,000 are reachable too. Null at the cap.
     */
    public static Position alignedAt(long offset, int size) {
        if (offset >= RESULT_CAP) {
            return null;
        }
        int aligned = size;
        while (offset % aligned != 0 || offset + aligned > RESULT_CAP) {
            aligned--;
        }
        return new Position(offset / aligned + 1, aligned, 0);
    }

    /**
     * Whether results follow page {@code page} of {@code size} that returned {@code returned} items: by the total
     * when SonarQube sent one, else by whether the page was full. An empty page never has more.
     */
    public static boolean hasMore(long page, int size, int returned, long total) {
        if (returned == 0) {
            return false;
        }
        return total >= 0 ? page * size < total : returned >= size;
    }

    /** {@code paging.total}, or the old top-level {@code total}, or v2's {@code page.total}; -1 when none. */
    public static long total(JsonNode body) {
        for (JsonNode total : new JsonNode[] {body.path("paging").path("total"), body.path("total"),
                body.path("page").path("total")}) {
            if (total.isNumber()) {
                return total.asLong();
            }
        }
        return -1;
    }

    /** The items of the array at a dotted path. */
    public static List<JsonNode> items(JsonNode body, String dottedPath) {
        return items(body, dottedPath, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} items of the array at a dotted path (the page size asked for): an upstream that sends
     * more than it was asked for does not widen the page.
     */
    public static List<JsonNode> items(JsonNode body, String dottedPath, int limit) {
        JsonNode array = at(body, dottedPath);
        List<JsonNode> items = new ArrayList<>(Math.min(array.size(), limit));
        for (JsonNode item : array) {
            if (items.size() >= limit) {
                break;
            }
            items.add(item);
        }
        return items;
    }

    /** A dotted path into the body ({@code "component"}, {@code "projectStatus.conditions"}; {@code ""}: the body). */
    public static JsonNode at(JsonNode body, String dottedPath) {
        JsonNode node = body;
        for (String part : dottedPath.split("\\.")) {
            if (!part.isEmpty()) {
                node = node.path(part);
            }
        }
        return node;
    }
}
