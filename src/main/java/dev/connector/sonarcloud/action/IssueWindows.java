package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
     * @param lastSecondByRule the same, per rule (null when more than {@link #MAX_PARTS} rules or not known)
     * @param crowd        set while a crowded second is walked rule by rule
     */
    public record State(String windowStart, long offset, int size, String lastSecond, long atLastSecond,
                        Map<String, Long> lastSecondByRule, Crowd crowd) {

        State(String windowStart, long offset, int size, String lastSecond, long atLastSecond) {
            this(windowStart, offset, size, lastSecond, atLastSecond, null, null);
        }
    }

    /**
     * A creation second holding more issues than the windows can reach (the normal case after the first analysis of
     * a large project: every issue gets the analysis date). Its issues are walked rule by rule ({@code rules} facet),
     * each rule's issues of that second being a search SonarQube can page through.
     *
     * @param second   the crowded second
     * @param returned how many of its issues the windows returned before (the first ones, in SonarQube's order)
     * @param parts    its rules with their counts and how many of each were among those returned (null: not read yet)
     * @param index    the rule being walked
     * @param offset   issues of that rule already returned (its skip included)
     */
    public record Crowd(String second, long returned, List<Part> parts, int index, long offset) {
    }

    /** One rule of a crowded second: how many issues it has there, and how many were returned before the switch. */
    public record Part(String rule, long count, long skip) {
    }

    /** A crowded second's rules are kept in the cursor; past this many the search must be narrowed by the caller. */
    static final int MAX_PARTS = 100;
    /** Page size used to re-read the issues of a crowded second returned before the switch. */
    private static final int RECOUNT_PAGE = 500;

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Page<State> fetch(ActionPort port, State state) {
        if (state != null && state.crowd() != null) {
            return crowded(port, state);
        }
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
        List<JsonNode> issues = SonarPaging.items(body, field, size);
        List<JsonNode> fresh = issues.subList(Math.min(position.skip(), issues.size()), issues.size());
        if (!SonarPaging.hasMore(position.page(), size, issues.size(), SonarPaging.total(body))) {
            return new Page<>(body, fresh, null);
        }
        String lastSecond = second(issues.getLast());
        boolean sameSecond = state != null && lastSecond.equals(state.lastSecond());
        long atLastSecond = sameSecond ? state.atLastSecond() : 0;
        Map<String, Long> byRule = !sameSecond ? new TreeMap<>()
                : state.lastSecondByRule() == null ? null : new TreeMap<>(state.lastSecondByRule());
        for (JsonNode issue : fresh) {
            if (lastSecond.equals(second(issue))) {
                atLastSecond++;
                if (byRule != null) {
                    byRule.merge(issue.path("rule").asString(""), 1L, Long::sum);
                }
            }
        }
        if (byRule != null && byRule.size() > MAX_PARTS) {
            byRule = null; // too many to carry; counted again if this second turns out crowded
        }
        long consumed = (position.page() - 1) * size + issues.size();
        if (SonarPaging.at(consumed, size) != null) {
            return new Page<>(body, fresh, new State(windowStart, consumed, size, lastSecond, atLastSecond, byRule,
                    null));
        }
        if (SonarPaging.at(atLastSecond, size) == null) {
            // the windows cannot get past this second: walk the rest of it rule by rule
            return new Page<>(body, fresh, new State(null, 0, size, lastSecond, atLastSecond, byRule,
                    new Crowd(lastSecond, atLastSecond, null, 0, 0)));
        }
        return new Page<>(body, fresh, new State(lastSecond, atLastSecond, size, lastSecond, atLastSecond, byRule,
                null));
    }

    /** The creation second of an issue in SonarQube's parameter format (offsets differ, instants compare). */
    private static String second(JsonNode issue) {
        OffsetDateTime parsed = Normalize.parseSonarDateTime(issue.path("creationDate").asString(""));
        if (parsed == null) {
            throw ApiException.providerError("SonarQube Cloud answered an issue without a readable creation date");
        }
        return Normalize.sonarDateTime(parsed);
    }

    /**
     * One page of a crowded second, rule by rule. Relies, like the windows, on SonarQube answering the issues of one
     * second in one order whatever the filters narrowing it (the order of the index), so the issues returned before
     * the switch are, for each rule, the first ones of that rule.
     */
    private Page<State> crowded(ActionPort port, State state) {
        Crowd crowd = state.crowd();
        int size = state.size();
        if (size < 1 || crowd.second() == null) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        String after = nextSecond(crowd.second());
        if (crowd.parts() == null) {
            crowd = new Crowd(crowd.second(), crowd.returned(), parts(port, crowd, after, state.lastSecondByRule()),
                    0, -1);
        }
        List<Part> parts = crowd.parts();
        int index = crowd.index();
        long offset = crowd.offset();
        while (index < parts.size()) {
            Part part = parts.get(index);
            if (offset < part.skip()) {
                offset = part.skip();
            }
            if (offset >= part.count()) {
                index++;
                offset = -1;
                continue;
            }
            SonarPaging.Position position = SonarPaging.at(offset, size);
            if (position == null) {
                position = SonarPaging.alignedAt(offset, size);
            }
            if (position == null) {
                throw ApiException.providerError("More than 10,000 issues of rule " + part.rule()
                        + " share one creation second; narrow the search with filters");
            }
            Map<String, String> extra = second(crowd.second(), after);
            extra.put("rules", part.rule());
            extra.put("p", Long.toString(position.page()));
            extra.put("ps", Integer.toString(position.size()));
            JsonNode body = port.call(extra);
            List<JsonNode> issues = SonarPaging.items(body, field, position.size());
            List<JsonNode> fresh = issues.subList(Math.min(position.skip(), issues.size()), issues.size());
            if (fresh.size() > part.count() - offset) {
                fresh = fresh.subList(0, (int) (part.count() - offset));
            }
            long reached = offset + fresh.size();
            boolean partDone = fresh.isEmpty() || reached >= part.count();
            int nextIndex = partDone ? index + 1 : index;
            State next = nextIndex < parts.size()
                    ? new State(null, 0, size, null, 0, null, new Crowd(crowd.second(), crowd.returned(), parts,
                            nextIndex, partDone ? -1 : reached))
                    : new State(after, 0, size, null, 0); // on with the windows, after the crowded second
            if (fresh.isEmpty()) {
                index = nextIndex;
                offset = -1;
                if (nextIndex >= parts.size()) {
                    return new Page<>(body, fresh, next);
                }
                continue;
            }
            return new Page<>(body, fresh, next);
        }
        return new Page<>(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), List.of(),
                new State(after, 0, size, null, 0));
    }

    /**
     * The crowded second's rules (from SonarQube's {@code rules} facet) with how many of each were returned before
     * the switch (counted on the way, or, when they were too many rules to carry, by reading those issues again).
     */
    private List<Part> parts(ActionPort port, Crowd crowd, String after, Map<String, Long> counted) {
        Map<String, String> probe = second(crowd.second(), after);
        probe.put("facets", "rules");
        probe.put("p", "1");
        probe.put("ps", "1");
        JsonNode body = port.call(probe);
        Map<String, Long> counts = new java.util.TreeMap<>();
        String wanted = port.input("rules");
        java.util.Set<String> allowed = wanted == null ? null : java.util.Set.of(wanted.split(","));
        for (JsonNode facet : body.path("facets")) {
            if (facet.path("property").asString("").equals("rules")) {
                for (JsonNode value : facet.path("values")) {
                    String rule = value.path("val").asString(null);
                    if (rule != null && value.path("count").asLong(0) > 0 && (allowed == null || allowed.contains(rule))) {
                        counts.put(rule, value.path("count").asLong());
                    }
                }
            }
        }
        if (counts.isEmpty() || counts.size() > MAX_PARTS) {
            throw ApiException.providerError("More than 10,000 issues share one creation second and SonarQube Cloud "
                    + "did not split them into at most " + MAX_PARTS + " rules; narrow the search with filters");
        }
        Map<String, Long> returned = counted != null ? counted : new java.util.HashMap<>();
        long left = counted != null ? 0 : crowd.returned();
        for (long page = 1; left > 0; page++) {
            Map<String, String> extra = second(crowd.second(), after);
            extra.put("p", Long.toString(page));
            extra.put("ps", Integer.toString(RECOUNT_PAGE));
            List<JsonNode> issues = SonarPaging.items(port.call(extra), field);
            for (JsonNode issue : issues.subList(0, (int) Math.min(left, issues.size()))) {
                returned.merge(issue.path("rule").asString(""), 1L, Long::sum);
            }
            left -= issues.size();
            if (issues.isEmpty()) {
                break;
            }
        }
        List<Part> parts = new java.util.ArrayList<>();
        counts.forEach((rule, count) -> parts.add(new Part(rule, count, returned.getOrDefault(rule, 0L))));
        return List.copyOf(parts);
    }

    /** The parameters selecting one creation second, oldest first. */
    private static Map<String, String> second(String second, String after) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("createdAfter", second);
        extra.put("createdBefore", after);
        extra.put("s", "CREATION_DATE");
        extra.put("asc", "true");
        return extra;
    }

    private static String nextSecond(String second) {
        OffsetDateTime parsed = Normalize.parseSonarDateTime(second);
        if (parsed == null) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        return Normalize.sonarDateTime(parsed.plusSeconds(1));
    }
}
