package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.Region;
import java.time.Instant;
import java.util.UUID;

/** What an action needs of an active account: where to call, as whom, and for which organization. */
public record AccountCredential(UUID id, String project, Region region, String organizationKey, String token,
                                Instant tokenLastUsedAt) {

    @Override
    public String toString() {
        return "AccountCredential[id=" + id + ", region=" + region + ", organizationKey=" + organizationKey + "]";
    }
}
