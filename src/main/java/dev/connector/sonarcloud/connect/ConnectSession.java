package dev.connector.sonarcloud.connect;

import java.time.Instant;
import java.util.UUID;

/** A short-lived permission for the Hub to post the form for one owner (and maybe re-link one account). */
public record ConnectSession(UUID id, long number, String project, String originOwnerId, String originOwnerName,
                             String originUsername, String label, UUID accountId, boolean multiple,
                             Instant expiresAt, int failedAttempts, Instant spentAt, Instant createdAt) {
}
