package dev.connector.sonarcloud.sonar;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Breaker states per region (the worst of the region's breakers, and which are open: the region's own or a
 * project's, {@code sonar-<region>:<project>}). An open breaker is SonarQube Cloud's outage, not ours: it reports DEGRADED
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
            CircuitBreaker.State worst = CircuitBreaker.State.CLOSED;
            List<String> open = new ArrayList<>();
            for (CircuitBreaker breaker : guards.breakers(region)) {
                CircuitBreaker.State state = breaker.getState();
                if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
                    open.add(breaker.getName());
                    worst = CircuitBreaker.State.OPEN;
                } else if (state == CircuitBreaker.State.HALF_OPEN && worst == CircuitBreaker.State.CLOSED) {
                    worst = CircuitBreaker.State.HALF_OPEN;
                }
            }
            builder.withDetail(region.id(), worst.name());
            if (!open.isEmpty()) {
                builder.withDetail(region.id() + "_open", open);
                builder.status(DEGRADED);
            }
        }
        return builder.build();
    }
}
