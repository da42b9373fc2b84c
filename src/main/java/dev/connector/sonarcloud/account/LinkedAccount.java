package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.Region;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored linked account, without its credential. */
public record LinkedAccount(
        UUID id,
        String project,
        String status,
        List<StatusReason> statusReasons,
        String originOwnerId,
        String originOwnerName,
        String originUsername,
        String label,
        String organizationKey,
        Region region,
        String login,
        String userName,
        boolean multiple,
        Instant tokenLastUsedAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final String ERROR = "error";
    public static final String EXPIRED = "expired";

    /** SonarQube Cloud expires a personal access token 60 days after its last use. */
    public static final java.time.Duration TOKEN_LIFETIME = java.time.Duration.ofDays(60);

    public Instant tokenExpiresAt() {
        return tokenLastUsedAt.plus(TOKEN_LIFETIME);
    }

    public record StatusReason(String code, String description, Instant timestamp) {
    }
}
