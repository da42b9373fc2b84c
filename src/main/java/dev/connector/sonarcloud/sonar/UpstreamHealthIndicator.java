package dev.connector.sonarcloud.sonar;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Breaker states per region. An open breaker is SonarQube Cloud's outage, not ours: it reports DEGRADED
 * (HTTP 200), never DOWN, so orchestrators do not restart the service for it. Not part of readiness or liveness.
 */
@Component("upstream")
public class UpstreamHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "a SonarQube Cloud region is failing");
    private final RegionGuards guards;

    public UpstreamHealthIndicator(RegionGuards guards) {
        this.guards = guards;
    }

    @Override
    public Health health() {
        Health.Builder builder = Health.up();
        for (Region region : Region.values()) {
            CircuitBreaker breaker = guards.breaker(region);
            CircuitBreaker.State state = breaker.getState();
            builder.withDetail(region.id(), state.name());
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
                builder.status(DEGRADED);
            }
        }
        return builder.build();
    }
}
