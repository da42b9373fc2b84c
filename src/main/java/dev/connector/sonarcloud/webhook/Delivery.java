package dev.connector.sonarcloud.webhook;

import java.time.Instant;
import java.util.UUID;

/** One event for one webhook, as the delivery log shows it. */
public record Delivery(UUID id, long seq, UUID webhookId, UUID eventId, String eventType, String status, int attempts,
                       Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                       Instant finishedAt) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
