package dev.connector.sonarcloud.sim;

import java.util.List;

/**
 * A project and its seeded issues and hotspots. {@code organization} is null when the project was seeded without
 * a known organization; such a project is visible from every organization. {@code keyPrefix} ("AX", "AY", …) makes
 * issue and hotspot keys unique across projects and stable across re-seeding.
 */
record SimProject(String key, String name, String organization, String keyPrefix,
                  List<SeededIssue> issues, List<SeededHotspot> hotspots) {

    SimProject {
        issues = List.copyOf(issues);
        hotspots = List.copyOf(hotspots);
    }

    boolean visibleFrom(String organizationKey) {
        return organization == null || organizationKey == null || organization.equals(organizationKey);
    }

    /** The organization to show on this project's objects when asked from {@code requested}. */
    String organizationOr(String requested) {
        return organization != null ? organization : requested;
    }

    SimProject withIssues(List<SeededIssue> newIssues) {
        return new SimProject(key, name, organization, keyPrefix, newIssues, hotspots);
    }

    SimProject withHotspots(List<SeededHotspot> newHotspots) {
        return new SimProject(key, name, organization, keyPrefix, issues, newHotspots);
    }
}
