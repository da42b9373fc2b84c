package dev.connector.sonarcloud.sonar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the service talks to SonarQube Cloud: timeouts, retries, the per-account rate limit, the pool, the largest
 * response body read (after decompression) and each project's share of a region's concurrent calls.
 */
@ConfigurationProperties("connector.upstream")
public record UpstreamProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration deadline,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration backoffInitial,
        @DefaultValue("2s") Duration backoffMax,
        @DefaultValue("5s") Duration retryAfterMax,
        @DefaultValue("900") int accountRequestsPerMinute,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("6MB") DataSize maxResponseSize,
        @DefaultValue("50") int projectMaxConcurrentCalls) {
}
