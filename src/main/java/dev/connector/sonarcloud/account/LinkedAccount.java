package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored linked account, without its credential. */
public record LinkedAccount(
        UUID id,
        String project,
        AccountStatus status,
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

    /** SonarQube Cloud expires a personal access token 60 days after its last use. */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(60);

    public Instant tokenExpiresAt() {
        return tokenLastUsedAt.plus(TOKEN_LIFETIME);
    }

    public record StatusReason(String code, String description, Instant timestamp) {
    }
}
