package dev.connector.sonarcloud.cluster;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_LOGIN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_NAME;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.Instances;
import dev.connector.sonarcloud.support.Instances.Instance;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Three instances of the service (A, B, C: separate application contexts with their own servers, caches, limiters
 * and schedulers) on one PostgreSQL, as behind a load balancer.
 */
class ManyInstancesTest extends IntegrationTest {

    private static final String NEW_TOKEN = "0000000000aaaaaaaaaa0000000000aaaaaaaaaa";
    private static Instances cluster;
    private static Instance a;
    private static Instance b;
    private static Instance c;

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void startThreeInstances() {
        cluster = Instances.start(EU, US, KEYSET, Map.of(
                "connector.upstream.account-requests-per-minute", "60",
                "connector.upstream.read-timeout", "10s",
                "connector.upstream.deadline", "20s",
                // 2 of the 60 calls may be taken on an instance before it syncs with the database: the delayed
                // synchronization of the hot path is exercised, and 3 instances can overshoot by at most 6 (10%)
                "connector.rate-limits.unsynchronized-share", "0.034",
                "connector.connect.project-requests-per-minute", "100000",
                "connector.connect.session-cleanup-interval", "PT0.2S",
                "connector.connect.session-cleanup-lock-at-least", "PT30S",
                "connector.connect.session-cleanup-lock-at-most", "PT40S"), "a", "b", "c");
        a = cluster.get(0);
        b = cluster.get(1);
        c = cluster.get(2);
    }

    @AfterAll
    static void stopInstances() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sixtyPerMinutePerAccountHoldsAcrossThreeInstances() throws Exception {
        String account = linkEuAccount();
        List<Instance> instances = List.of(a, b, c);
        List<Api.Response> responses = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(12)) {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Instance instance = instances.get(i % 3);
                calls.add(callers.submit(() -> instance.api().as(TestKeys.FULL).account(account).get("/actions/projects")));
            }
            for (Future<Api.Response> call : calls) {
                responses.add(call.get());
            }
        }
        long passed = responses.stream().filter(r -> r.status() == 200).count();
        List<Api.Response> limited = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(passed).as("calls let through by three instances together").isBetween(54L, 66L);
        assertThat(EU.requestCount("/api/components/search")).isEqualTo((int) passed);
        assertThat(passed + limited.size()).isEqualTo(300);
        for (Api.Response response : limited) {
            assertThat(response.json().path("code").asString()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
        }
        // every instance took part
        for (Instance instance : instances) {
            assertThat(instance.bean(MeterRegistry.class).find("connector.rate.limit.syncs").counters().stream()
                    .mapToDouble(Counter::count).sum()).isPositive();
        }
    }

    @Test
    void aHighLimitIsNotSyncedWithTheDatabaseOnEveryCall() {
        // this test's own instance: 100,000 a minute, so 1,000 calls may be taken between syncs, pushed in the background
        String account = linkEuAccount();
        double before = meters.counter("connector.rate.limit.syncs", "by", "call").count();
        for (int i = 0; i < 100; i++) {
            assertThat(full().account(account).get("/actions/projects").status()).isEqualTo(200);
        }
        double syncs = meters.counter("connector.rate.limit.syncs", "by", "call").count() - before;
        // only the first call waits for the database: it reads the bucket and creates it (two round trips)
        assertThat(syncs).as("database round trips that 100 calls waited for").isBetween(1.0, 2.0);
    }

    @Test
    void deleteOnOneInstanceIs404OnAnotherWithinOneSecond() {
        String account = linkEuAccount();
        Api onB = b.api().as(TestKeys.FULL).account(account);
        assertThat(onB.get("/actions/projects").status()).isEqualTo(200); // B's cache now holds the credential
        assertThat(a.api().as(TestKeys.FULL).delete("/accounts/" + account).status()).isIn(200, 204);
        long start = System.nanoTime();
        await(Duration.ofSeconds(1), () -> onB.get("/actions/projects").status() == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void relinkWithANewTokenOnOneInstanceIsUsedByAnotherOnItsNextCalls() {
        EU.addToken(NEW_TOKEN, EU_LOGIN, EU_NAME, EU_ORG);
        String account = link(EU_TOKEN, EU_ORG, "eu", "relinker");
        Api onB = b.api().as(TestKeys.FULL).account(account);
        assertThat(onB.get("/actions/projects").status()).isEqualTo(200);
        assertThat(lastTokenSeenUpstream()).isEqualTo(EU_TOKEN);

        Api.Response relinked = a.api().as(TestKeys.FULL).post("/connect", Map.of("personal_access_token", NEW_TOKEN,
                "organization_key", EU_ORG, "origin_owner_id", "relinker", "origin_owner_name", "Relinker"));
        assertThat(relinked.status()).isEqualTo(200);
        assertThat(relinked.json().path("id").asString()).isEqualTo(account);
        long start = System.nanoTime();
        await(Duration.ofSeconds(1), () -> {
            assertThat(onB.get("/actions/projects").status()).isEqualTo(200);
            return lastTokenSeenUpstream().equals(NEW_TOKEN);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(onB.get("/actions/projects").status()).isEqualTo(200);
        assertThat(lastTokenSeenUpstream()).isEqualTo(NEW_TOKEN);
    }

    @Test
    void aKilledNotificationConnectionComesBackAndTheNextInvalidationArrives() {
        AccountChangeListener listenerOfB = b.bean(AccountChangeListener.class);
        int pid = listenerOfB.backendPid();
        assertThat(pid).isPositive();
        assertThat(jdbc.sql("select pg_terminate_backend(:pid)").param("pid", pid).query(Boolean.class).single()).isTrue();
        await(Duration.ofSeconds(10), () -> listenerOfB.backendPid() != 0 && listenerOfB.backendPid() != pid);

        Api.Response linked = a.api().as(TestKeys.FULL).post("/connect", Map.of("personal_access_token", EU_TOKEN,
                "organization_key", EU_ORG, "origin_owner_id", "after-reconnect", "origin_owner_name", "A"));
        assertThat(linked.status()).isEqualTo(201);
        String account = linked.json().path("id").asString();
        Api onB = b.api().as(TestKeys.FULL).account(account);
        assertThat(onB.get("/actions/projects").status()).isEqualTo(200);
        jdbc.sql("update linked_account set status = 'inactive' where id = :id").param("id", UUID.fromString(account)).update();
        long start = System.nanoTime();
        await(Duration.ofSeconds(1), () -> onB.get("/actions/projects").status() == 412);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void sessionCleanupRunsOnceAcrossThreeInstances() throws InterruptedException {
        jdbc.sql("""
                insert into connect_session (id, project, token_sha256, origin_owner_id, origin_owner_name, expires_at, created_at)
                values (:id, 'project-a', :hash, 'o', 'O', :expired, :expired)""")
                .param("id", UUID.randomUUID()).param("hash", UUID.randomUUID().toString().getBytes())
                .param("expired", Timestamp.from(Instant.now().minus(Duration.ofDays(3)))).update();
        List<Instance> instances = List.of(a, b, c);
        double before = runs(instances);
        // each instance tries every 0.2 s; whoever takes the lock next holds it for 30 s
        jdbc.sql("update shedlock set lock_until = timezone('utc', now()) - interval '1 second' where name = 'session-cleanup'")
                .update();
        Thread.sleep(3000);
        assertThat(runs(instances) - before).isEqualTo(1.0);
        assertThat(jdbc.sql("select count(*) from connect_session").query(Integer.class).single()).isZero();
    }

    private static double runs(List<Instance> instances) {
        return instances.stream().mapToDouble(i -> i.bean(MeterRegistry.class)
                .counter("connector.jobs.runs", "job", "session-cleanup").count()).sum();
    }

    private static String lastTokenSeenUpstream() {
        var requests = EU.requests();
        String authorization = requests.getLast().getHeader("Authorization");
        return authorization.substring("Bearer ".length());
    }

    private static void await(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
