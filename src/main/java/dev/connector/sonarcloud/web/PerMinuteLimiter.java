package dev.connector.sonarcloud.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N calls a minute per key (an account, a project, a session), never waiting: over the limit is a 429 with
 * Retry-After until the next refill. The bucket is shared by every instance through the database (Bucket4j); each
 * key's proxy is kept in memory because it carries the not-yet-synchronized consumption. While the database cannot be
 * reached, an in-memory bucket per key keeps the limit on this instance alone, and the database is tried again after
 * a few seconds.
 */
public final class PerMinuteLimiter {

    private static final Logger log = LoggerFactory.getLogger(PerMinuteLimiter.class);
    private static final long RETRY_SHARED_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    private final String name;
    private final BucketConfiguration configuration;
    private final long configurationVersion;
    private final ProxyManager<String> shared;
    private final Optimization optimization;
    private final Cache<String, Bucket> proxies;
    private final Cache<String, Bucket> local;
    private volatile long sharedDownUntil;

    public PerMinuteLimiter(String name, int perMinute, long maxKeys, Duration idle, ProxyManager<String> shared,
                            long maxUnsynchronizedTokens, Duration syncInterval) {
        int limit = Math.max(1, perMinute);
        this.name = name;
        this.configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, Duration.ofMinutes(1)))
                .build();
        // a changed limit replaces the stored configuration of existing buckets
        this.configurationVersion = limit;
        this.shared = shared;
        // a limit too small to share out is synchronized on every call (concurrent calls still go in one batch)
        this.optimization = maxUnsynchronizedTokens > 0
                ? Optimizations.delaying(new DelayParameters(maxUnsynchronizedTokens, syncInterval))
                : Optimizations.batching();
        this.proxies = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle).build();
        this.local = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle).build();
    }

    public void acquire(String key, String detail) {
        ConsumptionProbe probe = tryConsume(key);
        if (!probe.isConsumed()) {
            long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
            throw ApiException.rateLimited(detail, Math.min(Math.max(seconds, 1), 60));
        }
    }

    private ConsumptionProbe tryConsume(String key) {
        if (System.nanoTime() - sharedDownUntil >= 0) {
            try {
                return proxies.get(key, this::proxy).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                sharedDownUntil = System.nanoTime() + RETRY_SHARED_AFTER_NANOS;
                log.warn("shared rate limit {} unavailable, limiting per instance for a while: {}", name,
                        e.getClass().getSimpleName());
            }
        }
        return local.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }

    private Bucket proxy(String key) {
        return shared.builder()
                .withOptimization(optimization)
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                .build(name + ":" + key, () -> configuration);
    }
}
