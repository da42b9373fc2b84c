package dev.connector.sonarcloud.sim;

import java.time.Instant;

/** One seeded security hotspot. */
record SeededHotspot(String key, String projectKey, SeedRule rule, String securityCategory,
                     String vulnerabilityProbability, String component, int line, String author, String assignee,
                     String status, String resolution, Instant creationDate) {
}
