package dev.connector.sonarcloud.hardening;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sonar.AccountRateLimits;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import dev.connector.sonarcloud.web.ApiException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One tenant (or one caller) must not use up what the others share. */
class TenantLimitsTest extends IntegrationTest {

    @Autowired
    BulkheadRegistry bulkheads;

    @Autowired
    AccountRateLimits rateLimits;

    @Test
    void m1_oneProjectsSlowCallsDoNotStarveAnotherProject() throws Exception {
        String slowAccount = api().as(TestKeys.OTHER_PROJECT).post("/connect", Map.of("personal_access_token", EU_TOKEN,
                "organization_key", EU_ORG, "origin_owner_id", "b-owner", "origin_owner_name", "B")).json().path("id").asString();
        String account = linkEuAccount();
        // a piece every half second for 4 s: calls hold their permits without timing out or failing
        EU.trickle("/api/components/search", 8, Duration.ofSeconds(4));
        Bulkhead bulkhead = bulkheads.bulkhead("sonar-eu");
        Api projectB = api().as(TestKeys.OTHER_PROJECT).account(slowAccount).withoutContractCheck();
        List<CompletableFuture<Api.Response>> slow = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 110; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> projectB.get("/actions/projects"), threads));
            }
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                long done = slow.stream().filter(CompletableFuture::isDone).count();
                int inFlight = bulkhead.getBulkheadConfig().getMaxConcurrentCalls() - bulkhead.getMetrics().getAvailableConcurrentCalls();
                if (done + inFlight >= 110) {
                    break;
                }
                Thread.sleep(20);
            }
            Api.Response other = full().account(account).get("/actions/me");
            assertThat(other.status()).as("another project's call while project B's slow calls run: " + other).isEqualTo(200);
            long refused = 0;
            for (CompletableFuture<Api.Response> call : slow) {
                Api.Response response = call.get();
                assertThat(response.status()).isIn(200, 503, 504); // 504: a trickle that outlived the deadline
                refused += response.status() == 503 ? 1 : 0;
            }
            // 60 when all 110 overlap; fewer if the loaded machine let early ones finish before late ones started
            assertThat(refused).as("project B's calls beyond its share (50)").isPositive();
        }
        // project B's failures (its slow calls above timed out too) open project B's breaker, not the region's
        EU.reset();
        CircuitBreaker breakerB = breakers.circuitBreaker("sonar-eu:project-b");
        CircuitBreaker breakerA = breakers.circuitBreaker("sonar-eu:project-a");
        breakerB.reset();
        breakerA.reset();
        EU.failWith("/api/components/search", 500);
        for (int i = 0; i < 10 && breakerB.getState() != CircuitBreaker.State.OPEN; i++) {
            assertThat(projectB.get("/actions/projects").status()).isEqualTo(502);
        }
        assertThat(breakerB.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakerA.getMetrics().getNumberOfFailedCalls()).isZero();
        Api.Response other = full().account(account).get("/actions/me");
        assertThat(other.status()).as("another project's call while project B's breaker is open: " + other).isEqualTo(200);
        assertThat(breakerA.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void m2_revalidateAndPatchRevalidationCountAgainstTheAccountsRateLimit() {
        String account = linkEuAccount();
        try {
            while (true) {
                rateLimits.acquire(account);
            }
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(429);
        }
        Api.Response revalidate = full().post("/accounts/" + account + "/revalidate", null);
        assertThat(revalidate.status()).as(revalidate.toString()).isEqualTo(429);
        assertThat(revalidate.header("Retry-After")).isNotNull();
        Api.Response patch = full().patch("/accounts/" + account, Map.of("credentials", Map.of(
                "personal_access_token", EU_TOKEN)));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(429);
        assertThat(EU.requestCount()).as("upstream calls made").isZero();
        assertThat(full().get("/accounts/" + account).json().path("status").asString()).isEqualTo("active");
    }

    @Test
    void l9_guessingConnectSessionTokensIsThrottledBeforeTheDatabase() {
        // from 127.0.0.2 (a bound source address), so that the other tests' Hub connects keep their allowance
        String session = full().post("/connect_sessions", Map.of("origin_owner_id", "o", "origin_owner_name", "O"))
                .json().path("token").asString();
        int unauthorized = 0;
        RawHttp.Response last = null;
        for (int i = 0; i < 40; i++) {
            last = connectFrom127002("cs_" + UUID.randomUUID());
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).as(last.toString()).isEqualTo(401);
            unauthorized++;
        }
        assertThat(last.status()).as("after %d guesses", unauthorized).isEqualTo(429);
        assertThat(unauthorized).isLessThanOrEqualTo(30);
        assertThat(last.header("Retry-After")).isNotNull();
        // refused before the lookup: even a real session token from that address waits, on the Hub's routes too
        assertThat(connectFrom127002(session).status()).isEqualTo(429);
        assertThat(from127002(("GET /hub/settings HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-hub-session-token: "
                + session + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).status()).isEqualTo(429);
        // other addresses are not affected
        Api.Response elsewhere = api().header("Authorization", "Bearer " + session).post("/connect",
                Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
    }

    private RawHttp.Response connectFrom127002(String sessionToken) {
        byte[] body = ("{\"personal_access_token\":\"" + EU_TOKEN + "\",\"organization_key\":\"" + EU_ORG + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String head = "POST /connect HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + sessionToken
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] head8 = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head8, head8.length + body.length);
        System.arraycopy(body, 0, request, head8.length, body.length);
        return from127002(request);
    }

    private RawHttp.Response from127002(byte[] request) {
        long start = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port,
                java.net.InetAddress.getByName("127.0.0.2"), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return RawHttp.read(socket.getInputStream(), start);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
