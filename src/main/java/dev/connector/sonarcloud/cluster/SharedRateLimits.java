package dev.connector.sonarcloud.cluster;

import dev.connector.sonarcloud.web.PerMinuteLimiter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExecutionStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rate limits that hold across every instance: Bucket4j token buckets kept in PostgreSQL (table
 * {@code rate_limit_bucket}, row-locked with SELECT … FOR UPDATE). Each instance syncs a bucket with the table only
 * every {@code sync-interval} or after {@code unsynchronized-share} of the limit was taken locally (Bucket4j's delaying
 * optimization), so an action call does not wait for the database: the cluster may overshoot a limit by at most
 * that share per instance and sync interval.
 */
@Component
public class SharedRateLimits {

    private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);

    private final ProxyManager<String> buckets;
    private final Duration syncInterval;
    private final double unsynchronizedShare;

    public SharedRateLimits(DataSource dataSource, MeterRegistry meters,
                            @Value("${connector.rate-limits.sync-interval:500ms}") Duration syncInterval,
                            @Value("${connector.rate-limits.unsynchronized-share:0.01}") double unsynchronizedShare) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .requestTimeout(Duration.ofSeconds(2))
                .executionStrategy(new Counted(meters.counter("connector.rate.limit.syncs")))
                .build();
        this.syncInterval = syncInterval;
        this.unsynchronizedShare = unsynchronizedShare;
    }

    /** A limiter of {@code perMinute} calls per key, keys prefixed with {@code name}. */
    public PerMinuteLimiter limiter(String name, int perMinute, long maxKeys, Duration idle) {
        long unsynchronized = (long) Math.floor(Math.max(1, perMinute) * unsynchronizedShare);
        return new PerMinuteLimiter(name, perMinute, maxKeys, idle, buckets, unsynchronized, syncInterval);
    }

    /** Counts the database round trips of all buckets: far fewer than the calls they limit. */
    private record Counted(Counter syncs) implements ExecutionStrategy {

        @Override
        public <T> T execute(Supplier<T> operation) {
            syncs.increment();
            return operation.get();
        }

        @Override
        public <T> CompletableFuture<T> executeAsync(Supplier<CompletableFuture<T>> operation) {
            syncs.increment();
            return operation.get();
        }
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
}
