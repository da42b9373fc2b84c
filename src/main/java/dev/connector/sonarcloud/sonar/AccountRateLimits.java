package dev.connector.sonarcloud.sonar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connector.sonarcloud.web.ApiException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j rate limiter per linked account, keeping each token under SonarQube Cloud's guidance
 * (default 900 requests a minute). Limiters of idle accounts are dropped, so 100,000 accounts cost nothing.
 */
@Component
public class AccountRateLimits {

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    public AccountRateLimits(UpstreamProperties properties) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, properties.accountRequestsPerMinute()))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    public void acquire(String key) {
        RateLimiter limiter = limiters.get(key, k -> RateLimiter.of("account", config));
        if (!limiter.acquirePermission()) {
            long waitNanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
            long seconds = waitNanos > 0 ? (waitNanos + 999_999_999L) / 1_000_000_000L : 60;
            throw ApiException.rateLimited("This linked account is over its rate limit for SonarQube Cloud calls",
                    Math.min(seconds, 60));
        }
    }
}
