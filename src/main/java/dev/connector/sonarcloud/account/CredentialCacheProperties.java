package dev.connector.sonarcloud.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code connector.credential-cache.*}: how many decrypted credentials stay in memory, for how long, and for how long
 * while other instances' changes cannot be heard (the notification connection is down).
 */
@ConfigurationProperties("connector.credential-cache")
public record CredentialCacheProperties(@DefaultValue("10000") long size, @DefaultValue("5m") Duration ttl,
                                        @DefaultValue("5s") Duration ttlWithoutNotifications) {
}
