package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.ratelimit.PerMinuteLimiter;
import dev.connector.sonarcloud.ratelimit.SharedRateLimits;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A rate limiter per linked account, keeping each token under SonarQube Cloud's guidance (default 900 requests a
 * minute) across all instances. Limiters of idle accounts are dropped from memory, so 100,000 accounts cost nothing.
 */
@Component
public class AccountRateLimits {

    private final PerMinuteLimiter limiter;

    public AccountRateLimits(UpstreamProperties properties, SharedRateLimits shared) {
        this.limiter = shared.limiter("account", properties.accountRequestsPerMinute(), 100_000, Duration.ofMinutes(5));
    }

    public void acquire(String key) {
        limiter.acquire(key, "This linked account is over its rate limit for SonarQube Cloud calls");
    }
}
