package dev.connector.sonarcloud.event;

import java.time.Instant;
import java.util.UUID;

/** One stored event. {@code payload} is the exact JSON body receivers get (and the signature covers). */
public record AccountEvent(UUID id, String project, UUID accountId, EventType type, String payload, Instant createdAt) {
}
