package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A search past SonarQube's 10,000-result cap where there is no date to window on (hotspots, rules): it walks
 * partitions — disjoint filter values that together cover every result, e.g. a hotspot's (status, resolution) or a
 * rule's type — one after another, each paged up to the cap; near the cap the page size shrinks so the last results
 * below 10,000 are reachable too. A single partition beyond 10,000 results is cut at the cap (narrow the search to
 * see the rest). Partitions the caller's own filters exclude are skipped, and so are empty ones.
 */
public record FilterPartitions(String field, List<Partition> partitions) implements Pager<FilterPartitions.State> {

    /** One slice SonarQube can page through on its own: SonarQube parameter → value (input names are the same). */
    public record Partition(Map<String, String> filters) {
        public Partition {
            filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        }

        static Partition of(String... nameValuePairs) {
            Map<String, String> filters = new LinkedHashMap<>();
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                filters.put(nameValuePairs[i], nameValuePairs[i + 1]);
            }
            return new Partition(filters);
        }

        /**
         * Whether the caller's filters (comma-separated lists, or absent) let results of this partition through; a
         * filter this partition does not name means results without that value (a hotspot to review has no
         * resolution).
         */
        boolean allowedBy(ActionPort port, Set<String> filterNames) {
            return filterNames.stream().allMatch(name -> {
                String wanted = port.input(name);
                return wanted == null
                        || filters.containsKey(name) && Arrays.asList(wanted.split(",")).contains(filters.get(name));
            });
        }
    }

    /** SonarQube Cloud's hotspot states. */
    public static final List<Partition> HOTSPOT_STATES = List.of(Partition.of("status", "TO_REVIEW"),
            Partition.of("status", "REVIEWED", "resolution", "FIXED"),
            Partition.of("status", "REVIEWED", "resolution", "SAFE"),
            Partition.of("status", "REVIEWED", "resolution", "ACKNOWLEDGED"));

    /** Every rule has exactly one (legacy) type; no type holds 10,000 rules on SonarQube Cloud. */
    public static final List<Partition> RULE_TYPES = List.of(Partition.of("types", "CODE_SMELL"),
            Partition.of("types", "BUG"), Partition.of("types", "VULNERABILITY"),
            Partition.of("types", "SECURITY_HOTSPOT"));

    /**
     * @param partition index among the partitions the caller's filters allow
     * @param page      the p/ps request within it
     * @param pageSize  the caller's page size (each new partition starts with it)
     */
    public record State(int partition, long page, int size, int pageSize) {
    }

    public FilterPartitions {
        partitions = List.copyOf(partitions);
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        List<Partition> allowed = allowed(port);
        int pageSize = state == null ? port.pageSize() : state.pageSize();
        int index = state == null ? 0 : state.partition();
        long page = state == null ? 1 : state.page();
        int size = state == null ? pageSize : state.size();
        if (index < 0 || index >= allowed.size() || page < 1 || size < 1 || pageSize < 1
                || page * size > SonarPaging.RESULT_CAP) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        while (true) {
            Map<String, String> extra = new LinkedHashMap<>(allowed.get(index).filters());
            extra.put("p", Long.toString(page));
            extra.put("ps", Integer.toString(size));
            JsonNode body = port.call(extra);
            List<JsonNode> items = SonarPaging.items(body, field, size);
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

    /** The partitions a search covers: those the caller's filters allow. */
    private List<Partition> allowed(ActionPort port) {
        SequencedSet<String> names = new LinkedHashSet<>();
        partitions.forEach(partition -> names.addAll(partition.filters().keySet()));
        List<Partition> allowed = new ArrayList<>();
        for (Partition partition : partitions) {
            if (partition.allowedBy(port, names)) {
                allowed.add(partition);
            }
        }
        if (allowed.isEmpty()) {
            throw ApiException.validation(names.getLast(), "together with " + String.join(", ", names)
                    + " matches nothing: no result can have these values at once");
        }
        return allowed;
    }
}
