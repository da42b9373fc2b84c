package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored subscription, without its secrets. */
public record Webhook(UUID id, String project, String url, List<EventType> events, boolean enabled, String description,
                      String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt) {
}
