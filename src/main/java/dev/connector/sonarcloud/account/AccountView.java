package dev.connector.sonarcloud.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The linked account as callers see it (StackOne field names). Never the token, never the ciphertext. */
public record AccountView(
        String id,
        String provider,
        String providerName,
        String status,
        List<LinkedAccount.StatusReason> statusReasons,
        String originOwnerId,
        String originOwnerName,
        String originUsername,
        String label,
        SetupInformation setupInformation,
        Instant tokenLastUsedAt,
        Instant tokenExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PROVIDER = "sonarcloud";
    public static final String PROVIDER_NAME = "SonarQube Cloud";
    /** StackOne's category for the connector (its list has no code-quality category; the SDK takes any string). */
    public static final String CATEGORY = "devops";

    public record SetupInformation(String organizationKey, String region, String login, String name) {
    }

    public static AccountView of(LinkedAccount account) {
        return new AccountView(account.id().toString(), PROVIDER, PROVIDER_NAME, account.status().id(), account.statusReasons(),
                account.originOwnerId(), account.originOwnerName(), account.originUsername(), account.label(),
                new SetupInformation(account.organizationKey(), account.region().id(), account.login(), account.userName()),
                seconds(account.tokenLastUsedAt()), seconds(account.tokenExpiresAt()),
                seconds(account.createdAt()), seconds(account.updatedAt()));
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
