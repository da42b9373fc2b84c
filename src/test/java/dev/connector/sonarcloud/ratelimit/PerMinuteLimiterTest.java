package dev.connector.sonarcloud.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.web.ApiException;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExecutionStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared limiter against the real PostgreSQL table, with every database round trip slowed down: a call waits for
 * the database only the first time it meets a key, or when this instance took its whole unsynchronized share before
 * a background sync caught up.
 */
class PerMinuteLimiterTest extends IntegrationTest {

    private static final Duration SLOW = Duration.ofMillis(700);

    @Autowired
    private DataSource dataSource;

    private final AtomicInteger roundTrips = new AtomicInteger();
    private final ExecutorService syncs = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopSyncs() {
        syncs.shutdownNow();
    }

    @Test
    void callsDoNotWaitForABackgroundSync() throws Exception {
        PerMinuteLimiter limiter = new PerMinuteLimiter("t", 100_000, 100, Duration.ofMinutes(1), slowDatabase(), 1000, syncs);
        String key = UUID.randomUUID().toString();
        limiter.acquire(key, "over"); // the first call reads the bucket (and creates it: one more round trip)
        int afterFirst = roundTrips.get();

        limiter.syncTaken(); // a background sync is now in flight for SLOW
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            limiter.acquire(key, "over");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).as("200 calls during a sync of " + SLOW).isLessThan(SLOW.dividedBy(2));
        await(() -> roundTrips.get() == afterFirst + 1);
        assertThat(storedBucketExists("t:" + key)).isTrue();
    }

    @Test
    void takingTheWholeUnsynchronizedShareWaitsForTheDatabase() {
        PerMinuteLimiter limiter = new PerMinuteLimiter("t", 100_000, 100, Duration.ofMinutes(1), slowDatabase(), 4, syncs);
        String key = UUID.randomUUID().toString();
        limiter.acquire(key, "over"); // the first call reads the bucket
        int afterFirst = roundTrips.get();
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            limiter.acquire(key, "over"); // the first of these (the second call) queues a background sync
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SLOW.dividedBy(2));
        limiter.acquire(key, "over"); // a fifth call before the sync ended would be past the share: it waits for it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SLOW.dividedBy(2));
        assertThat(roundTrips.get()).isGreaterThan(afterFirst);
    }

    @Test
    void twoInstancesTogetherStayWithinTheLimitPlusTheirUnsynchronizedShares() throws Exception {
        ProxyManager<String> table = proxyManager(ExecutionStrategy.SAME_TREAD);
        // two instances, 20 a minute, each may take 2 calls without the database knowing
        List<PerMinuteLimiter> instances = List.of(
                new PerMinuteLimiter("t", 20, 100, Duration.ofMinutes(1), table, 2, syncs),
                new PerMinuteLimiter("t", 20, 100, Duration.ofMinutes(1), table, 2, syncs));
        String key = UUID.randomUUID().toString();
        AtomicInteger passed = new AtomicInteger();
        try (ExecutorService callers = Executors.newFixedThreadPool(6)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                PerMinuteLimiter instance = instances.get(i % 2);
                calls.add(callers.submit(() -> {
                    try {
                        instance.acquire(key, "over");
                        passed.incrementAndGet();
                    } catch (ApiException e) {
                        assertThat(e.getMessage()).isNotNull();
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        assertThat(passed.get()).isBetween(20, 20 + 2 * 2 + 1); // one more for the refill while the test runs
    }

    private ProxyManager<String> slowDatabase() {
        return proxyManager(new ExecutionStrategy() {
            @Override
            public <T> T execute(Supplier<T> operation) {
                roundTrips.incrementAndGet();
                try {
                    Thread.sleep(SLOW);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return operation.get();
            }

            @Override
            public <T> CompletableFuture<T> executeAsync(Supplier<CompletableFuture<T>> operation) {
                throw new UnsupportedOperationException();
            }
        });
    }

    private ProxyManager<String> proxyManager(ExecutionStrategy strategy) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .executionStrategy(strategy)
                .build();
    }

    private boolean storedBucketExists(String id) {
        return jdbc.sql("select count(*) from rate_limit_bucket where id = :id").param("id", id).query(Integer.class).single() == 1;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
