package dev.connector.sonarcloud.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.Instances;
import dev.connector.sonarcloud.support.Instances.Instance;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Shutting an instance down while it serves 50 slow calls: readiness goes down first, the server then stops accepting,
 * and every call in flight completes. (Closing the context is what the JVM's SIGTERM hook does.)
 */
class GracefulShutdownTest extends IntegrationTest {

    @Test
    void shutdownDuringFiftySlowCallsLetsEveryOneComplete() throws Exception {
        String account = linkEuAccount();
        try (Instances instances = Instances.start(EU, US, KEYSET, Map.of(
                "connector.upstream.read-timeout", "30s",
                "connector.upstream.deadline", "40s",
                "connector.upstream.account-requests-per-minute", "100000",
                "connector.shutdown.readiness-delay", "8s"), "d");
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Instance d = instances.get(0);
            Api api = d.api().as(TestKeys.FULL).account(account);
            EU.slow("/api/components/search", Duration.ofSeconds(10));

            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(callers.submit(() -> status(api)));
            }
            awaitInFlight(d, 50);

            Thread shutdown = Thread.ofPlatform().start(() -> d.context().close());
            // first step of the shutdown: readiness is down while the calls are still running
            Api.Response readiness = awaitReadinessDown(d);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(calls.stream().filter(Future::isDone).count()).isLessThan(50);
            shutdown.join(Duration.ofSeconds(60));
            assertThat(shutdown.isAlive()).isFalse();

            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).as("every call in flight completed").containsOnly(200);
            assertThatThrownBy(() -> api.get("/actions/projects")).as("no longer accepting")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** The HTTP status, or -1 when the connection was cut. */
    private static int status(Api api) {
        try {
            return api.get("/actions/projects").status();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private static void awaitInFlight(Instance instance, int count) throws InterruptedException {
        MeterRegistry meters = instance.bean(MeterRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Gauge active = meters.find("http.server.requests.active").gauge();
            if (active != null && active.value() >= count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(count + " requests never were in flight at once");
    }

    private static Api.Response awaitReadinessDown(Instance instance) throws InterruptedException {
        Api plain = instance.api();
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response readiness = plain.get("/actuator/health/readiness");
            if (readiness.status() != 200) {
                return readiness;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("readiness never went down");
    }
}
