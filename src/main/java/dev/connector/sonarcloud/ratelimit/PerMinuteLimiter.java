package dev.connector.sonarcloud.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Duration;

/**
 * A Resilience4j rate limiter per key (an account, a project, a session), N permits a minute, never waiting:
 * over the limit is a 429 with Retry-After until the next permit. Limiters of idle keys are dropped.
 */
public final class PerMinuteLimiter {

    private final String name;
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;

    public PerMinuteLimiter(String name, int perMinute, long maxKeys, Duration idle) {
        this.name = name;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, perMinute))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle).build();
    }

    /** 429 when the key has no permit left this minute, without taking one (see {@link #consume}). */
    public void requireAvailable(String key, String detail) {
        RateLimiter limiter = limiters.getIfPresent(key);
        if (limiter != null && limiter.getMetrics().getAvailablePermissions() <= 0) {
            acquire(key, detail);
        }
    }

    /** Takes a permit if one is left; never refuses (for counting failures, checked by {@link #requireAvailable}). */
    public void consume(String key) {
        limiters.get(key, k -> RateLimiter.of(name, config)).acquirePermission();
    }

    public void acquire(String key, String detail) {
        RateLimiter limiter = limiters.get(key, k -> RateLimiter.of(name, config));
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
            long seconds = nanos > 0 ? (nanos + 999_999_999L) / 1_000_000_000L : 60;
            throw ApiException.rateLimited(detail, Math.min(seconds, 60));
        }
    }
}
