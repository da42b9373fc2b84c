package dev.connector.sonarcloud.sonar;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The guards of each region, from Resilience4j's registries (configured under
 * {@code resilience4j.circuitbreaker.instances.sonar-<region>} and {@code resilience4j.bulkhead.instances.sonar-<region>}):
 * <ul>
 * <li>a circuit breaker per region and project ({@code sonar-<region>:<project>}, with the region's configuration),
 * so that one project's failing or timing-out calls open its own breaker, not everyone's; calls made for no project
 * (validating a token at connect time) use the region's own breaker {@code sonar-<region>};</li>
 * <li>one bulkhead per region, of which one project may hold at most its share
 * ({@code connector.upstream.project-max-concurrent-calls}).</li>
 * </ul>
 */
@Component
public class RegionGuards {

    private static final Logger log = LoggerFactory.getLogger(RegionGuards.class);

    private final CircuitBreakerRegistry breakerRegistry;
    private final Map<Region, CircuitBreaker> breakers = new EnumMap<>(Region.class);
    /** By breaker name; the projects are those of the configured API keys, so this stays small. */
    private final Map<String, CircuitBreaker> projectBreakers = new ConcurrentHashMap<>();
    private final Map<Region, Bulkhead> bulkheads = new EnumMap<>(Region.class);
    private final Map<String, Long> openedAtNanos = new ConcurrentHashMap<>();
    /** Calls in flight per (region, project); an entry exists only while a call runs. */
    private final Map<String, Integer> projectCalls = new ConcurrentHashMap<>();
    private final int projectMaxConcurrentCalls;

    public RegionGuards(CircuitBreakerRegistry breakerRegistry, BulkheadRegistry bulkheadRegistry,
                        UpstreamProperties properties) {
        this.breakerRegistry = breakerRegistry;
        this.projectMaxConcurrentCalls = properties.projectMaxConcurrentCalls();
        for (Region region : Region.values()) {
            String name = name(region);
            breakers.put(region, watched(breakerRegistry.circuitBreaker(name)));
            bulkheads.put(region, bulkheadRegistry.bulkhead(name));
        }
    }

    private static String name(Region region) {
        return "sonar-" + region.id();
    }

    private CircuitBreaker watched(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAtNanos.put(breaker.getName(), System.nanoTime());
            }
            log.warn("circuit breaker {} moved {}", breaker.getName(), event.getStateTransition());
        });
        return breaker;
    }

    /** The region's own breaker (calls for no project). */
    public CircuitBreaker breaker(Region region) {
        return breakers.get(region);
    }

    /** The breaker of a project's calls to the region (the region's own for a null project). */
    public CircuitBreaker breaker(Region region, String project) {
        if (project == null) {
            return breakers.get(region);
        }
        return projectBreakers.computeIfAbsent(name(region) + ":" + project, name ->
                watched(breakerRegistry.circuitBreaker(name, breakers.get(region).getCircuitBreakerConfig())));
    }

    /** Every breaker of the region: its own and those of the projects that called it. */
    public List<CircuitBreaker> breakers(Region region) {
        List<CircuitBreaker> all = new ArrayList<>();
        all.add(breakers.get(region));
        String prefix = name(region) + ":";
        projectBreakers.forEach((name, breaker) -> {
            if (name.startsWith(prefix)) {
                all.add(breaker);
            }
        });
        return all;
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
    public long secondsUntilHalfOpen(CircuitBreaker breaker) {
        long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        Long openedAt = openedAtNanos.get(breaker.getName());
        if (openedAt == null) {
            return Math.max(1, (waitMillis + 999) / 1000);
        }
        long remainingMillis = waitMillis - (System.nanoTime() - openedAt) / 1_000_000;
        return Math.max(1, (remainingMillis + 999) / 1000);
    }
}
