package dev.connector.sonarcloud.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connector.sonarcloud.web.ApiException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Keeps /connect from being a fast token-guessing oracle: limits per project and per connect session. */
@Component
public class ConnectLimits {

    private final RateLimiterConfig perProject;
    private final RateLimiterConfig perSession;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    public ConnectLimits(@Value("${connector.connect.project-requests-per-minute:300}") int projectPerMinute,
                         @Value("${connector.connect.session-requests-per-minute:10}") int sessionPerMinute) {
        this.perProject = config(projectPerMinute);
        this.perSession = config(sessionPerMinute);
    }

    private static RateLimiterConfig config(int perMinute) {
        return RateLimiterConfig.custom().limitForPeriod(Math.max(1, perMinute))
                .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build();
    }

    public void acquireForProject(String project) {
        acquire("p:" + project, perProject, "This project is connecting accounts too fast");
    }

    public void acquireForSession(String sessionId) {
        acquire("s:" + sessionId, perSession, "Too many attempts with this connect session");
    }

    private void acquire(String key, RateLimiterConfig config, String detail) {
        RateLimiter limiter = limiters.get(key, k -> RateLimiter.of("connect", config));
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
            throw ApiException.rateLimited(detail, nanos > 0 ? (nanos + 999_999_999L) / 1_000_000_000L : 60);
        }
    }
}
