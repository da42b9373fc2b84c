package dev.connector.sonarcloud.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic seeded data. Item {@code i} (0-based) of a project is created at
 * {@code 2025-01-01T00:00:00+0000 + (i / 3) * 5s}: dates increase, but every three items share one second, so a
 * client windowing on creation date meets ties. Lists come out sorted by (creation date, key).
 */
final class SeedGenerator {

    static final Instant BASE_DATE = Instant.parse("2025-01-01T00:00:00Z");
    static final int ITEMS_PER_SECOND_STEP = 3;
    static final int SECONDS_PER_STEP = 5;
    static final List<String> SEVERITIES = List.of("MAJOR", "MINOR", "CRITICAL", "BLOCKER", "INFO");

    private static final String[] ASSIGNEES = {"jdoe", null, "ada.lovelace", null};
    private static final String[] AUTHORS = {"jdoe@example.com", "ada@example.com", "grace@example.com"};
    private static final int FILES = 20;

    private SeedGenerator() {
    }

    static Instant creationDate(int index) {
        return BASE_DATE.plusSeconds((long) (index / ITEMS_PER_SECOND_STEP) * SECONDS_PER_STEP);
    }

    static List<SeededIssue> issues(String projectKey, String keyPrefix, int count) {
        return issues(projectKey, keyPrefix, count, false);
    }

    /** As after a first analysis: every issue carries the analysis date. */
    static List<SeededIssue> issuesInOneSecond(String projectKey, String keyPrefix, int count) {
        return issues(projectKey, keyPrefix, count, true);
    }

    private static List<SeededIssue> issues(String projectKey, String keyPrefix, int count, boolean oneSecond) {
        String[] files = files(projectKey);
        List<SeededIssue> issues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SeedRule rule = SeedRule.ISSUE_RULES.get(i % SeedRule.ISSUE_RULES.size());
            Instant created = oneSecond ? BASE_DATE : creationDate(i);
            issues.add(new SeededIssue(key(keyPrefix, "issue", i + 1), projectKey, rule,
                    SEVERITIES.get(i % SEVERITIES.size()), files[i % FILES], line(i), hash(projectKey, i),
                    AUTHORS[i % AUTHORS.length], ASSIGNEES[i % ASSIGNEES.length], rule.tags(),
                    "OPEN", null, "OPEN", created, created));
        }
        return issues;
    }

    /** Every fourth hotspot is REVIEWED (alternately SAFE and FIXED), the others TO_REVIEW. */
    static List<SeededHotspot> hotspots(String projectKey, String keyPrefix, int count) {
        String[] files = files(projectKey);
        List<SeededHotspot> hotspots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean reviewed = i % 4 == 3;
            String resolution = reviewed ? (i % 8 == 3 ? "SAFE" : "FIXED") : null;
            hotspots.add(hotspot(projectKey, keyPrefix, files, i, reviewed ? "REVIEWED" : "TO_REVIEW", resolution));
        }
        return hotspots;
    }

    /**
     * Hotspots with a chosen status mix, in rotation (TO_REVIEW, FIXED, SAFE, ACKNOWLEDGED, skipping a kind once its
     * count is used up), so every status appears all along the list.
     */
    static List<SeededHotspot> hotspots(String projectKey, String keyPrefix, int toReview, int fixed, int safe,
                                        int acknowledged) {
        String[] files = files(projectKey);
        int[] left = {toReview, fixed, safe, acknowledged};
        String[] resolutions = {null, "FIXED", "SAFE", "ACKNOWLEDGED"};
        int count = toReview + fixed + safe + acknowledged;
        List<SeededHotspot> hotspots = new ArrayList<>(count);
        int kind = 0;
        for (int i = 0; i < count; i++) {
            while (left[kind] == 0) {
                kind = (kind + 1) % left.length;
            }
            left[kind]--;
            hotspots.add(hotspot(projectKey, keyPrefix, files, i, kind == 0 ? "TO_REVIEW" : "REVIEWED",
                    resolutions[kind]));
            kind = (kind + 1) % left.length;
        }
        return hotspots;
    }

    private static SeededHotspot hotspot(String projectKey, String keyPrefix, String[] files, int i, String status,
                                         String resolution) {
        SeedRule rule = SeedRule.HOTSPOT_RULES.get(i % SeedRule.HOTSPOT_RULES.size());
        return new SeededHotspot(key(keyPrefix, "hotspot", i + 1), projectKey, rule,
                rule.tags().getFirst(), rule.key().equals("java:S2068") ? "HIGH" : "LOW",
                files[i % FILES], line(i), AUTHORS[i % AUTHORS.length], ASSIGNEES[i % ASSIGNEES.length],
                status, resolution, creationDate(i));
    }

    /** "AX", "AY", "AZ", "BA", … for projects 0, 1, 2, 3, … */
    static String keyPrefix(int ordinal) {
        int n = 23 + ordinal;
        if (n >= 26 * 26) {
            return "P" + ordinal;
        }
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }

    static String filePath(String componentKey) {
        int colon = componentKey.indexOf(':');
        return colon < 0 ? componentKey : componentKey.substring(colon + 1);
    }

    private static String key(String prefix, String kind, int number) {
        String digits = Integer.toString(number);
        return prefix + "-" + kind + "-" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    private static String[] files(String projectKey) {
        String[] files = new String[FILES];
        for (int i = 0; i < FILES; i++) {
            files[i] = projectKey + ":src/main/java/Foo" + i + ".java";
        }
        return files;
    }

    private static int line(int index) {
        return 10 + (index * 7) % 400;
    }

    private static String hash(String projectKey, int index) {
        long seed = projectKey.hashCode() * 0x9E3779B97F4A7C15L + index;
        return HexFormat.of().toHexDigits(mix(seed)) + HexFormat.of().toHexDigits(mix(seed + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
