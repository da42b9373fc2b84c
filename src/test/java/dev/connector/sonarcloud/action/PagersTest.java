package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connector.sonarcloud.sonar.SonarResponse;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each pager against an in-memory SonarQube that keeps SonarQube's paging rules: 1-based p/ps, and a 400 for any
 * request with p × ps past 10,000. Every walk checks that each item comes exactly once and in order.
 */
class PagersTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SONAR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    /** An item: its key, creation second and hotspot status/resolution. */
    record Item(String key, long createdEpochSecond, String status, String resolution) {
        ObjectNode json() {
            ObjectNode node = NODES.objectNode().put("key", key)
                    .put("creationDate", SONAR.format(Instant.ofEpochSecond(createdEpochSecond).atOffset(ZoneOffset.ofHours(1))));
            if (status != null) {
                node.put("status", status);
            }
            if (resolution != null) {
                node.put("resolution", resolution);
            }
            return node;
        }
    }

    /** An in-memory SonarQube endpoint behind the port, counting calls. */
    static final class FakeSonar implements ActionPort {
        private final List<Item> items;
        private final Map<String, String> inputs = new HashMap<>();
        private final int pageSize;
        private final boolean sendTotal;
        /** A hostile upstream: every matching item on every page, whatever size was asked for. */
        private boolean overfill;
        int calls;

        FakeSonar(List<Item> items, int pageSize, boolean sendTotal) {
            this.items = items;
            this.pageSize = pageSize;
            this.sendTotal = sendTotal;
        }

        FakeSonar overfill() {
            overfill = true;
            return this;
        }

        FakeSonar input(String name, String value) {
            inputs.put(name, value);
            return this;
        }

        @Override
        public String input(String name) {
            return inputs.get(name);
        }

        @Override
        public String organization() {
            return "my-org";
        }

        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public JsonNode call(Map<String, String> extra) {
            calls++;
            Predicate<Item> filter = item -> true;
            if (extra.containsKey("createdAfter")) {
                long after = Instant.from(SONAR.parse(extra.get("createdAfter"))).getEpochSecond();
                filter = filter.and(item -> item.createdEpochSecond() >= after);
            }
            if (extra.containsKey("status")) {
                filter = filter.and(item -> extra.get("status").equals(item.status()));
            }
            if (extra.containsKey("resolution")) {
                filter = filter.and(item -> extra.get("resolution").equals(item.resolution()));
            }
            List<Item> matching = items.stream().filter(filter).toList(); // already sorted by creation, stable
            boolean v2 = extra.containsKey("pageIndex");
            boolean paged = v2 || extra.containsKey("p");
            long page = paged ? Long.parseLong(extra.get(v2 ? "pageIndex" : "p")) : 1;
            int size = paged ? Integer.parseInt(extra.get(v2 ? "pageSize" : "ps")) : items.size();
            if (!v2 && page * size > SonarPaging.RESULT_CAP) {
                throw new AssertionError("SonarQube answers 400: p=" + page + " ps=" + size + " passes the cap");
            }
            ObjectNode body = NODES.objectNode();
            ArrayNode array = body.putArray("items");
            long from = overfill ? 0 : (page - 1) * size;
            long to = overfill ? matching.size() : Math.min(from + size, matching.size());
            for (long i = from; i < to; i++) {
                array.add(matching.get((int) i).json());
            }
            if (sendTotal) {
                if (v2) {
                    body.putObject("page").put("pageIndex", page).put("pageSize", size).put("total", matching.size());
                } else {
                    body.putObject("paging").put("pageIndex", page).put("pageSize", size).put("total", matching.size());
                }
            }
            return body;
        }

        @Override
        public SonarResponse callRaw(Map<String, String> extra) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode call(Upstream endpoint, Map<String, String> parameters) {
            throw new UnsupportedOperationException();
        }
    }

    /** Walks every page, each cursor state through a JSON round trip as the real cursor does. */
    private static <S> List<String> walk(Pager<S> pager, FakeSonar sonar) {
        List<String> keys = new ArrayList<>();
        S state = null;
        for (int guard = 0; guard < 100_000; guard++) {
            Pager.Page<S> page = pager.fetch(sonar, state);
            page.items().forEach(item -> keys.add(item.path("key").asString()));
            if (page.next() == null) {
                return keys;
            }
            assertThat(page.items()).as("a page with a next cursor is never empty").isNotEmpty();
            state = roundTrip(page.next(), pager.stateType());
        }
        throw new AssertionError("the walk does not end");
    }

    private static final tools.jackson.databind.ObjectMapper MAPPER = tools.jackson.databind.json.JsonMapper.builder().build();

    private static <S> S roundTrip(S state, Class<S> type) {
        return MAPPER.readValue(MAPPER.writeValueAsString(state), type);
    }

    private static List<Item> items(int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item("K" + i, 1_700_000_000L + i, null, null));
        }
        return items;
    }

    private static List<String> keys(List<Item> items) {
        return items.stream().map(Item::key).toList();
    }

    // --- the arithmetic ---

    @Test
    void positionsStayWithinTheCap() {
        assertThat(SonarPaging.at(0, 50)).isEqualTo(new SonarPaging.Position(1, 50, 0));
        assertThat(SonarPaging.at(120, 50)).isEqualTo(new SonarPaging.Position(3, 50, 20));
        assertThat(SonarPaging.at(9_950, 50)).isEqualTo(new SonarPaging.Position(200, 50, 0));
        assertThat(SonarPaging.at(10_000, 50)).isNull();
        assertThat(SonarPaging.at(9_900, 300)).isNull(); // page 34 of 300 would end at 10,200
        assertThat(SonarPaging.alignedAt(9_900, 300)).isEqualTo(new SonarPaging.Position(100, 100, 0));
        assertThat(SonarPaging.alignedAt(9_999, 500)).isEqualTo(new SonarPaging.Position(10_000, 1, 0));
        assertThat(SonarPaging.alignedAt(10_000, 500)).isNull();
        assertThat(SonarPaging.hasMore(1, 50, 50, -1)).isTrue();
        assertThat(SonarPaging.hasMore(1, 50, 49, -1)).isFalse();
        assertThat(SonarPaging.hasMore(2, 50, 50, 100)).isFalse();
        assertThat(SonarPaging.hasMore(1, 50, 0, 100)).isFalse();
    }

    // --- one pager each ---

    @Test
    void h4_noPagerAnswersMoreItemsThanItsPageSizeWhateverTheUpstreamSends() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(new Item("K" + i, 1_700_000_000L + i, "TO_REVIEW", null));
        }
        List<Pager<?>> pagers = List.of(new PageNumbers("items"), new V2PageIndex("items"),
                new IssueWindows("items", "created_after"), new FilterPartitions("items", FilterPartitions.HOTSPOT_STATES));
        for (Pager<?> pager : pagers) {
            Pager.Page<?> page = pager.fetch(new FakeSonar(items, 7, true).overfill(), null);
            assertThat(page.items()).as(pager.getClass().getSimpleName()).hasSize(7);
            assertThat(page.next()).as(pager.getClass().getSimpleName()).isNotNull();
        }
    }

    @Test
    void singleObjectAndWholeListReadOnce() {
        FakeSonar sonar = new FakeSonar(items(3), 500, true);
        Pager.Page<Void> whole = new WholeList("items").fetch(sonar, null);
        assertThat(whole.items()).hasSize(3);
        assertThat(whole.next()).isNull();
        Pager.Page<Void> single = new SingleObject("paging").fetch(new FakeSonar(items(3), 500, true), null);
        assertThat(single.items()).singleElement().satisfies(node -> assertThat(node.path("total").asInt()).isEqualTo(3));
        assertThat(new SingleObject("").paged()).isFalse();
        assertThat(new SingleObject("").listResult()).isFalse();
        assertThat(new WholeList("x").listResult()).isTrue();
    }

    @Test
    void pageNumbersWalkEverythingWithAndWithoutTotals() {
        List<Item> items = items(1_234);
        assertThat(walk(new PageNumbers("items"), new FakeSonar(items, 100, true))).isEqualTo(keys(items));
        assertThat(walk(new PageNumbers("items"), new FakeSonar(items, 100, false))).isEqualTo(keys(items));
        FakeSonar exact = new FakeSonar(items(1_000), 100, true);
        assertThat(walk(new PageNumbers("items"), exact)).hasSize(1_000);
        assertThat(exact.calls).as("no empty page asked after the last").isEqualTo(10);
    }

    @Test
    void pageNumbersStopBeforeTheCap() {
        List<Item> items = items(12_000);
        assertThat(walk(new PageNumbers("items"), new FakeSonar(items, 500, true))).isEqualTo(keys(items).subList(0, 10_000));
        assertThat(walk(new PageNumbers("items"), new FakeSonar(items, 300, true))).isEqualTo(keys(items).subList(0, 9_900));
    }

    @Test
    void v2PageIndexWalksByTotal() {
        List<Item> items = items(2_345);
        assertThat(walk(new V2PageIndex("items"), new FakeSonar(items, 500, true))).isEqualTo(keys(items));
    }

    @Test
    void issueWindowsWalk25000IssuesPastTheCap() {
        List<Item> issues = new ArrayList<>();
        long second = 1_700_000_000L;
        for (int i = 0; i < 25_000; i++) {
            // bursts: 3,000 issues in one second (one analysis), then pairs, then singles
            if (i >= 3_000 && (i < 9_000 ? i % 2 == 0 : true)) {
                second++;
            }
            issues.add(new Item("I" + i, second, null, null));
        }
        for (int pageSize : new int[] {500, 333, 50}) {
            FakeSonar sonar = new FakeSonar(issues, pageSize, true);
            List<String> walked = walk(new IssueWindows("items", "created_after"), sonar);
            assertThat(walked).as("page size " + pageSize).hasSize(25_000);
            assertThat(new HashSet<>(walked)).hasSize(25_000);
            assertThat(walked).isEqualTo(keys(issues));
        }
    }

    @Test
    void issueWindowsStartAtTheCallersDate() {
        List<Item> issues = items(30);
        String after = SONAR.format(Instant.ofEpochSecond(1_700_000_010L).atOffset(ZoneOffset.UTC));
        FakeSonar sonar = new FakeSonar(issues, 7, false).input("created_after", after);
        assertThat(walk(new IssueWindows("items", "created_after"), sonar)).isEqualTo(keys(issues).subList(10, 30));
    }

    @Test
    void issueWindowsRefuseMoreThanTheCapInOneSecond() {
        List<Item> issues = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            issues.add(new Item("I" + i, 1_700_000_000L, null, null));
        }
        issues.add(new Item("last", 1_700_000_001L, null, null));
        IssueWindows pager = new IssueWindows("items", "created_after");
        FakeSonar sonar = new FakeSonar(issues, 500, true);
        assertThatThrownBy(() -> walk(pager, sonar)).isInstanceOf(ApiException.class)
                .hasMessageContaining("More than 10,000 issues share one creation second");
    }

    @Test
    void hotspotPartitionsWalkPastTenThousand() {
        List<Item> hotspots = new ArrayList<>();
        for (int i = 0; i < 10_500; i++) {
            hotspots.add(new Item("T" + i, i, "TO_REVIEW", null));
        }
        for (int i = 0; i < 700; i++) {
            hotspots.add(new Item("F" + i, i, "REVIEWED", "FIXED"));
        }
        for (int i = 0; i < 1_300; i++) {
            hotspots.add(new Item("S" + i, i, "REVIEWED", "SAFE"));
        }
        // no ACKNOWLEDGED: an empty partition is skipped without an empty page
        FilterPartitions pager = new FilterPartitions("items", FilterPartitions.HOTSPOT_STATES);
        List<String> expected = new ArrayList<>();
        hotspots.stream().filter(h -> h.key().startsWith("T")).limit(10_000).forEach(h -> expected.add(h.key()));
        hotspots.stream().filter(h -> !h.key().startsWith("T")).forEach(h -> expected.add(h.key()));
        for (int pageSize : new int[] {500, 300, 97}) {
            List<String> walked = walk(pager, new FakeSonar(hotspots, pageSize, true));
            assertThat(walked).as("page size " + pageSize).isEqualTo(expected);
        }
        assertThat(walk(pager, new FakeSonar(hotspots, 500, false))).isEqualTo(expected);
    }

    @Test
    void hotspotPartitionsFollowTheCallersFilters() {
        List<Item> hotspots = List.of(new Item("T", 1, "TO_REVIEW", null), new Item("F", 2, "REVIEWED", "FIXED"),
                new Item("S", 3, "REVIEWED", "SAFE"));
        FilterPartitions pager = new FilterPartitions("items", FilterPartitions.HOTSPOT_STATES);
        assertThat(walk(pager, new FakeSonar(hotspots, 50, true).input("status", "REVIEWED"))).containsExactly("F", "S");
        assertThat(walk(pager, new FakeSonar(hotspots, 50, true).input("resolution", "SAFE"))).containsExactly("S");
        FakeSonar contradictory = new FakeSonar(hotspots, 50, true).input("status", "TO_REVIEW").input("resolution", "SAFE");
        assertThatThrownBy(() -> walk(pager, contradictory)).isInstanceOf(ApiException.class);
    }

    @Test
    void statesOutsideTheirRangeAreRefused() {
        FakeSonar sonar = new FakeSonar(items(10), 50, true);
        assertThatThrownBy(() -> new PageNumbers("items").fetch(sonar, new PageNumbers.State(0, 50)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new PageNumbers("items").fetch(sonar, new PageNumbers.State(201, 50)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new FilterPartitions("items", FilterPartitions.HOTSPOT_STATES)
                .fetch(sonar, new FilterPartitions.State(9, 1, 50, 50))).isInstanceOf(ApiException.class);
        assertThat(sonar.calls).isZero();
    }

    @Test
    void everyPagerIsOneOfTheKnownKinds() {
        Set<Class<?>> kinds = Set.of(Pager.class.getPermittedSubclasses());
        assertThat(kinds).containsExactlyInAnyOrder(SingleObject.class, WholeList.class, PageNumbers.class,
                IssueWindows.class, FilterPartitions.class, V2PageIndex.class);
    }
}
