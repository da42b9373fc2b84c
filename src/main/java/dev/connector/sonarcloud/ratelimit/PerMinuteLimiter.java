package dev.connector.sonarcloud.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connector.sonarcloud.web.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.manual.ManuallySyncingOptimization;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N calls a minute per key (an account, a project, a session), never waiting: over the limit is a 429 with
 * Retry-After until the next refill. The bucket is shared by every instance through the database (Bucket4j's
 * PostgreSQL proxy manager).
 *
 * <p>A call does not wait for the database: each key's bucket keeps a local copy of its state (Bucket4j's manually
 * syncing optimization) and calls are taken from it; the calls taken here are pushed to the database, and the copy
 * refreshed, in the background ({@link #syncTaken}, every sync interval, and as soon as half of
 * {@code maxUnsynchronized} was taken). At most {@code maxUnsynchronized} calls per instance are ever taken without
 * the database knowing; only when a background sync has not caught up by then does a call sync itself. The first
 * call for a key on an instance reads the bucket once. A limit too small to share out ({@code maxUnsynchronized} 0)
 * goes to the database on every call.
 *
 * <p>While the database cannot be reached, an in-memory bucket per key keeps the limit on this instance alone, and
 * the database is tried again after a few seconds.
 */
public final class PerMinuteLimiter {

    private static final Logger log = LoggerFactory.getLogger(PerMinuteLimiter.class);
    private static final long RETRY_SHARED_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    private final String name;
    private final BucketConfiguration configuration;
    private final long configurationVersion;
    private final ProxyManager<String> shared;
    private final long maxUnsynchronized;
    private final Executor syncs;
    private final Cache<String, SharedBucket> buckets;
    private final Cache<String, Bucket> local;
    private volatile long sharedDownUntil = System.nanoTime();

    public PerMinuteLimiter(String name, int perMinute, long maxKeys, Duration idle, ProxyManager<String> shared,
                            long maxUnsynchronized, Executor syncs) {
        int limit = Math.max(1, perMinute);
        this.name = name;
        this.configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, Duration.ofMinutes(1)))
                .build();
        // a changed limit replaces the stored configuration of existing buckets
        this.configurationVersion = limit;
        this.shared = shared;
        this.maxUnsynchronized = Math.max(0, maxUnsynchronized);
        this.syncs = syncs;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle).build();
        this.local = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle).build();
    }

    /**
     * 429 when the key has no call left this minute, without taking one (see {@link #consume}); a key this instance
     * has not seen yet is not looked up.
     */
    public void requireAvailable(String key, String detail) {
        EstimationProbe probe = null;
        if (System.nanoTime() - sharedDownUntil >= 0) {
            SharedBucket bucket = buckets.getIfPresent(key);
            try {
                probe = bucket == null ? null : bucket.bucket.estimateAbilityToConsume(1);
            } catch (RuntimeException e) {
                sharedDown(e);
            }
        }
        if (probe == null) {
            Bucket bucket = local.getIfPresent(key);
            probe = bucket == null ? null : bucket.estimateAbilityToConsume(1);
        }
        if (probe != null && !probe.canBeConsumed()) {
            throw rateLimited(detail, probe.getNanosToWaitForRefill());
        }
    }

    /** Takes a call if one is left; never refuses (for counting failures, checked by {@link #requireAvailable}). */
    public void consume(String key) {
        tryConsume(key);
    }

    public void acquire(String key, String detail) {
        ConsumptionProbe probe = tryConsume(key);
        if (!probe.isConsumed()) {
            throw rateLimited(detail, probe.getNanosToWaitForRefill());
        }
    }

    private static ApiException rateLimited(String detail, long nanosToWait) {
        long seconds = (nanosToWait + 999_999_999L) / 1_000_000_000L;
        return ApiException.rateLimited(detail, Math.min(Math.max(seconds, 1), 60));
    }

    /** Pushes the calls taken on this instance to the database, in the background (the periodic sync). */
    public void syncTaken() {
        for (SharedBucket bucket : buckets.asMap().values()) {
            if (bucket.taken.get() > 0) {
                bucket.syncSoon();
            }
        }
    }

    /** Pushes the calls taken on this instance to the database now (at shutdown). */
    void syncTakenNow() {
        for (SharedBucket bucket : buckets.asMap().values()) {
            if (bucket.taken.get() > 0) {
                bucket.sync();
            }
        }
    }

    private ConsumptionProbe tryConsume(String key) {
        if (System.nanoTime() - sharedDownUntil >= 0) {
            try {
                return buckets.get(key, SharedBucket::new).tryConsume();
            } catch (RuntimeException e) {
                sharedDown(e);
            }
        }
        return local.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }

    private void sharedDown(RuntimeException e) {
        sharedDownUntil = System.nanoTime() + RETRY_SHARED_AFTER_NANOS;
        log.warn("shared rate limit {} unavailable, limiting per instance for a while: {}", name, e.getClass().getSimpleName());
    }

    /** One key's bucket in the database, with this instance's local copy and the count of calls not yet pushed. */
    private final class SharedBucket {

        private final BucketProxy bucket;
        /** Calls taken from the local copy and not yet pushed to the database. */
        private final AtomicLong taken = new AtomicLong();
        /** {@link #taken} plus calls being taken right now: never more than {@code maxUnsynchronized}. */
        private final AtomicLong reserved = new AtomicLong();
        private final AtomicBoolean syncQueued = new AtomicBoolean();
        private final ReentrantLock syncing = new ReentrantLock();

        SharedBucket(String key) {
            this.bucket = shared.builder()
                    .withOptimization(maxUnsynchronized > 0 ? new ManuallySyncingOptimization() : Optimizations.batching())
                    .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                    .build(name + ":" + key, () -> configuration);
        }

        ConsumptionProbe tryConsume() {
            if (maxUnsynchronized == 0) {
                return bucket.tryConsumeAndReturnRemaining(1);
            }
            while (reserved.incrementAndGet() > maxUnsynchronized) {
                reserved.decrementAndGet();
                // this instance took its whole unsynchronized share before a background sync caught up
                syncUnlessCaughtUp();
            }
            ConsumptionProbe probe;
            try {
                probe = bucket.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                reserved.decrementAndGet();
                throw e;
            }
            if (!probe.isConsumed()) {
                reserved.decrementAndGet();
            } else if (taken.incrementAndGet() * 2 >= maxUnsynchronized) {
                syncSoon();
            }
            return probe;
        }

        void syncSoon() {
            if (!syncQueued.compareAndSet(false, true)) {
                return;
            }
            try {
                syncs.execute(() -> {
                    syncQueued.set(false);
                    try {
                        sync();
                    } catch (RuntimeException e) {
                        log.warn("shared rate limit {} could not be synchronized: {}", name, e.getClass().getSimpleName());
                    }
                });
            } catch (RejectedExecutionException e) {
                syncQueued.set(false);
            }
        }

        private void syncUnlessCaughtUp() {
            syncing.lock();
            try {
                if (reserved.get() >= maxUnsynchronized) {
                    sync();
                }
            } finally {
                syncing.unlock();
            }
        }

        /**
         * Pushes the calls taken here and refreshes the local copy: one transaction. Calls counted in {@link #taken}
         * were taken from the copy before it is read here, so the sync carries them; a call taken meanwhile may be
         * carried too yet stays counted until the next sync: the count errs high, never low.
         */
        void sync() {
            syncing.lock();
            try {
                long pushed = taken.get();
                bucket.getOptimizationController().syncImmediately();
                taken.addAndGet(-pushed);
                reserved.addAndGet(-pushed);
            } finally {
                syncing.unlock();
            }
        }
    }
}
