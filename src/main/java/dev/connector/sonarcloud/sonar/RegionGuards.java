package dev.connector.sonarcloud.sonar;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker and one bulkhead per region, from Resilience4j's registries, and each project's share of a
 * region's concurrent calls (configured under
 * {@code resilience4j.circuitbreaker.instances.sonar-<region>} and {@code resilience4j.bulkhead.instances.sonar-<region>}).
 */
@Component
public class RegionGuards {

    private static final Logger log = LoggerFactory.getLogger(RegionGuards.class);

    private final Map<Region, CircuitBreaker> breakers = new EnumMap<>(Region.class);
    private final Map<Region, Bulkhead> bulkheads = new EnumMap<>(Region.class);
    private final Map<Region, Long> openedAtNanos = new ConcurrentHashMap<>();
    /** Calls in flight per (region, project); an entry exists only while a call runs. */
    private final Map<String, Integer> projectCalls = new ConcurrentHashMap<>();
    private final int projectMaxConcurrentCalls;

    public RegionGuards(CircuitBreakerRegistry breakerRegistry, BulkheadRegistry bulkheadRegistry,
                        UpstreamProperties properties) {
        this.projectMaxConcurrentCalls = properties.projectMaxConcurrentCalls();
        for (Region region : Region.values()) {
            String name = "sonar-" + region.id();
            CircuitBreaker breaker = breakerRegistry.circuitBreaker(name);
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAtNanos.put(region, System.nanoTime());
                }
                log.warn("circuit breaker {} moved {}", name, event.getStateTransition());
            });
            breakers.put(region, breaker);
            bulkheads.put(region, bulkheadRegistry.bulkhead(name));
        }
    }

    public CircuitBreaker breaker(Region region) {
        return breakers.get(region);
    }

    public Bulkhead bulkhead(Region region) {
        return bulkheads.get(region);
    }

    /**
     * A project's share of the region's concurrency: one project's slow calls fill its share, not the whole
     * bulkhead, so other projects keep working. Calls without a project (connect-time validation) take no share.
     */
    public boolean tryAcquireProjectShare(Region region, String project) {
        if (project == null) {
            return true;
        }
        boolean[] acquired = {false};
        projectCalls.compute(region.id() + "|" + project, (key, calls) -> {
            int current = calls == null ? 0 : calls;
            if (current >= projectMaxConcurrentCalls) {
                return calls;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    public void releaseProjectShare(Region region, String project) {
        if (project != null) {
            projectCalls.computeIfPresent(region.id() + "|" + project, (key, calls) -> calls <= 1 ? null : calls - 1);
        }
    }

    /** How long until an open breaker lets a probe through (at least one second, for Retry-After). */
    public long secondsUntilHalfOpen(Region region) {
        CircuitBreaker breaker = breakers.get(region);
        long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        Long openedAt = openedAtNanos.get(region);
        if (openedAt == null) {
            return Math.max(1, (waitMillis + 999) / 1000);
        }
        long remainingMillis = waitMillis - (System.nanoTime() - openedAt) / 1_000_000;
        return Math.max(1, (remainingMillis + 999) / 1000);
    }
}
