package dev.connector.sonarcloud.sim;

import java.time.Instant;
import java.util.List;

/** One seeded issue. Write endpoints answer with modified copies; the seeded data itself never changes. */
record SeededIssue(String key, String projectKey, SeedRule rule, String severity, String component, int line,
                   String hash, String author, String assignee, List<String> tags, String status,
                   String resolution, String issueStatus, Instant creationDate, Instant updateDate) {

    String type() {
        return rule.type();
    }

    String impactSeverity() {
        return switch (severity) {
            case "BLOCKER" -> "BLOCKER";
            case "CRITICAL" -> "HIGH";
            case "MAJOR" -> "MEDIUM";
            case "MINOR" -> "LOW";
            default -> "INFO";
        };
    }

    SeededIssue withStatus(String newStatus, String newResolution, String newIssueStatus, Instant now) {
        return new SeededIssue(key, projectKey, rule, severity, component, line, hash, author, assignee, tags,
                newStatus, newResolution, newIssueStatus, creationDate, now);
    }

    SeededIssue withAssignee(String newAssignee, Instant now) {
        return new SeededIssue(key, projectKey, rule, severity, component, line, hash, author, newAssignee, tags,
                status, resolution, issueStatus, creationDate, now);
    }

    SeededIssue withTags(List<String> newTags, Instant now) {
        return new SeededIssue(key, projectKey, rule, severity, component, line, hash, author, assignee,
                List.copyOf(newTags), status, resolution, issueStatus, creationDate, now);
    }
}
