package dev.connector.sonarcloud.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code connector.rate-limits.*}: how the shared rate limits meet the database. Every {@code sync-interval} an
 * instance pushes the calls it took to the database in the background; it never takes more than
 * {@code unsynchronized-share} of a limit without the database knowing.
 */
@ConfigurationProperties("connector.rate-limits")
public record RateLimitProperties(@DefaultValue("500ms") Duration syncInterval,
                                  @DefaultValue("0.01") double unsynchronizedShare) {
}
