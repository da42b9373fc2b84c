package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Hotspot search past SonarQube's 10,000-result cap. It has no date filter to window on, so a search walks the
 * partitions (status, resolution) one after another, each paged up to the cap; near the cap the page size shrinks
 * so the last results below 10,000 are reachable too. A single partition beyond 10,000 hotspots is cut at the cap
 * (filter by files or branch to see the rest). Partitions the caller's {@code status}/{@code resolution} exclude
 * are skipped, and so are empty ones.
 */
public record HotspotPartitions(String field, List<Partition> partitions) implements Pager<HotspotPartitions.State> {

    /** One slice SonarQube can page through on its own. */
    public record Partition(String status, String resolution) {
    }

    /** SonarQube Cloud's hotspot states. */
    public static final List<Partition> ALL = List.of(new Partition("TO_REVIEW", null),
            new Partition("REVIEWED", "FIXED"), new Partition("REVIEWED", "SAFE"),
            new Partition("REVIEWED", "ACKNOWLEDGED"));

    /**
     * @param partition index among the partitions the caller's filters allow
     * @param page      the p/ps request within it
     * @param pageSize  the caller's page size (each new partition starts with it)
     */
    public record State(int partition, long page, int size, int pageSize) {
    }

    public HotspotPartitions {
        partitions = List.copyOf(partitions);
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        List<Partition> allowed = allowed(port.input("status"), port.input("resolution"));
        int pageSize = state == null ? port.pageSize() : state.pageSize();
        int index = state == null ? 0 : state.partition();
        long page = state == null ? 1 : state.page();
        int size = state == null ? pageSize : state.size();
        if (index < 0 || index >= allowed.size() || page < 1 || size < 1 || pageSize < 1
                || page * size > SonarPaging.RESULT_CAP) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        while (true) {
            Partition partition = allowed.get(index);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("status", partition.status());
            if (partition.resolution() != null) {
                extra.put("resolution", partition.resolution());
            }
            extra.put("p", Long.toString(page));
            extra.put("ps", Integer.toString(size));
            JsonNode body = port.call(extra);
            List<JsonNode> items = SonarPaging.items(body, field);
            SonarPaging.Position next = SonarPaging.hasMore(page, size, items.size(), SonarPaging.total(body))
                    ? SonarPaging.alignedAt(page * size, size) : null;
            State nextState;
            if (next != null) {
                nextState = new State(index, next.page(), next.size(), pageSize);
            } else if (index + 1 < allowed.size()) {
                nextState = new State(index + 1, 1, pageSize, pageSize);
            } else {
                return new Page<>(body, items, null);
            }
            if (!items.isEmpty()) {
                return new Page<>(body, items, nextState);
            }
            // an empty partition: go straight on to the next one rather than answer an empty page
            index = nextState.partition();
            page = 1;
            size = pageSize;
        }
    }

    /** The partitions a search covers: those the caller's status and resolution allow. */
    private List<Partition> allowed(String status, String resolution) {
        List<Partition> allowed = new ArrayList<>();
        for (Partition partition : partitions) {
            if ((status == null || status.equals(partition.status()))
                    && (resolution == null || resolution.equals(partition.resolution()))) {
                allowed.add(partition);
            }
        }
        if (allowed.isEmpty()) {
            throw ApiException.validation("resolution", "applies only to status REVIEWED");
        }
        return allowed;
    }
}
