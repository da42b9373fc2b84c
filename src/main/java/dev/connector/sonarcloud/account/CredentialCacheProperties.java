package dev.connector.sonarcloud.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code connector.credential-cache.*}: how many decrypted credentials stay in memory, and for how long. */
@ConfigurationProperties("connector.credential-cache")
public record CredentialCacheProperties(@DefaultValue("10000") long size, @DefaultValue("5m") Duration ttl) {
}
