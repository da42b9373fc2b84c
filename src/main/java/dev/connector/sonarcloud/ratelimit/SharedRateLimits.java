package dev.connector.sonarcloud.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExecutionStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rate limits that hold across every instance: Bucket4j token buckets kept in PostgreSQL (table
 * {@code rate_limit_bucket}, row-locked with SELECT … FOR UPDATE). Calls are taken from each instance's local copy
 * of a bucket and pushed to the table by two background threads (see {@link PerMinuteLimiter}), so an action call
 * does not wait for the database; the cluster may overshoot a limit by at most {@code unsynchronized-share} of it per
 * instance.
 */
@Component
public class SharedRateLimits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);
    private static final String SYNC_THREAD = "rate-limit-sync-";

    private final ProxyManager<String> buckets;
    private final RateLimitProperties properties;
    private final ExecutorService syncs;
    private final ScheduledExecutorService ticks;
    private final List<PerMinuteLimiter> limiters = new CopyOnWriteArrayList<>();

    public SharedRateLimits(DataSource dataSource, MeterRegistry meters, RateLimitProperties properties) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .requestTimeout(Duration.ofSeconds(2))
                .executionStrategy(new Counted(meters.counter("connector.rate.limit.syncs", "by", "call"),
                        meters.counter("connector.rate.limit.syncs", "by", "background")))
                .build();
        this.properties = properties;
        // two connections of the pool at most: syncs are short, one per bucket and interval
        this.syncs = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name(SYNC_THREAD, 0).factory());
        this.ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rate-limit-tick").factory());
        long interval = Math.max(1, properties.syncInterval().toMillis());
        ticks.scheduleWithFixedDelay(() -> limiters.forEach(PerMinuteLimiter::syncTaken), interval, interval,
                TimeUnit.MILLISECONDS);
    }

    /** A limiter of {@code perMinute} calls per key, keys prefixed with {@code name}. */
    public PerMinuteLimiter limiter(String name, int perMinute, long maxKeys, Duration idle) {
        long unsynchronized = (long) Math.floor(Math.max(1, perMinute) * properties.unsynchronizedShare());
        PerMinuteLimiter limiter = new PerMinuteLimiter(name, perMinute, maxKeys, idle, buckets, unsynchronized, syncs);
        limiters.add(limiter);
        return limiter;
    }

    /** Rows of buckets that a full refill made worthless; once per cluster. */
    @Scheduled(fixedDelayString = "${connector.rate-limits.cleanup-interval:PT10M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "rate-limit-bucket-cleanup", lockAtMostFor = "PT10M")
    public void removeExpiredBuckets() {
        try {
            int removed;
            do {
                removed = ((ExpiredEntriesCleaner) buckets).removeExpired(1000);
            } while (removed == 1000);
        } catch (RuntimeException e) {
            log.warn("could not remove expired rate-limit buckets: {}", e.getClass().getSimpleName());
        }
    }

    /** At shutdown the calls this instance took are pushed, so the other instances count them. */
    @Override
    public void destroy() throws InterruptedException {
        ticks.shutdownNow();
        syncs.shutdown();
        syncs.awaitTermination(2, TimeUnit.SECONDS);
        try {
            limiters.forEach(PerMinuteLimiter::syncTakenNow);
        } catch (RuntimeException e) {
            log.warn("could not push the last rate-limit counts: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Counts the database round trips of all buckets, far fewer than the calls they limit: {@code by="call"} when a
     * call waited for one (its key's first call on this instance, a limit too small to share out, or a share taken
     * before a background sync caught up), {@code by="background"} for the syncs no call waits for.
     */
    private record Counted(Counter byCall, Counter inBackground) implements ExecutionStrategy {

        @Override
        public <T> T execute(Supplier<T> operation) {
            (Thread.currentThread().getName().startsWith(SYNC_THREAD) ? inBackground : byCall).increment();
            return operation.get();
        }

        @Override
        public <T> CompletableFuture<T> executeAsync(Supplier<CompletableFuture<T>> operation) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("the JDBC buckets are synchronous"));
        }
    }
}
