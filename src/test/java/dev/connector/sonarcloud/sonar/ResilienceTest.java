package dev.connector.sonarcloud.sonar;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Test settings (IntegrationTest): breaker opens at 50% of 5+ calls, stays open 2 s; attempt timeout 2 s; deadline 5 s. */
class ResilienceTest extends IntegrationTest {

    /** Project A's breaker for the EU region (each project has its own per region). */
    private static final String EU_BREAKER = "sonar-eu:project-a";

    @Autowired
    BulkheadRegistry bulkheads;

    private String eu;
    private String us;

    @BeforeEach
    void link() {
        eu = linkEuAccount();
        us = linkUsAccount();
    }

    private Api.Response projects(String account) {
        return full().account(account).get("/actions/projects");
    }

    @Test
    void breakerOpensOn5xxFailsFastWithoutUpstreamCallsAndOtherRegionsKeepWorking() {
        EU.failWith(500);
        CircuitBreaker breaker = breakers.circuitBreaker(EU_BREAKER);
        for (int i = 0; i < 10 && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
            Api.Response response = projects(eu);
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        }
        assertThat(breakers.circuitBreaker(EU_BREAKER).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = EU.requestCount();
        for (int i = 0; i < 100; i++) {
            Api.Response response = projects(eu);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().path("code").asString()).isEqualTo("provider_unavailable");
            assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 2L);
        }
        assertThat(EU.requestCount()).isEqualTo(before);
        assertThat(projects(us).status()).isEqualTo(200);
        Api.Response health = full().get("/actuator/health"); // components: an admin key
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("upstream").path("status").asString()).isEqualTo("DEGRADED");
        assertThat(api().get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
        assertThat(api().get("/actuator/prometheus").text()).contains("name=\"" + EU_BREAKER + "\",state=\"open\"} 1.0");
    }

    @Test
    void openBreakerHalfOpensAndClosesAfterRecovery() throws Exception {
        EU.failWith(503);
        for (int i = 0; i < 5; i++) {
            projects(eu);
        }
        assertThat(breakers.circuitBreaker(EU_BREAKER).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        EU.reset();
        Thread.sleep(2_200);
        for (int i = 0; i < 3; i++) {
            assertThat(projects(eu).status()).isEqualTo(200);
        }
        assertThat(breakers.circuitBreaker(EU_BREAKER).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(full().get("/actuator/health").json().path("components").path("upstream").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void a4xxNeverOpensTheBreaker() {
        EU.failWith("/api/components/show", 404);
        for (int i = 0; i < 1_000; i++) {
            Api.Response response = full().account(eu).get("/actions/projects/" + EU_PROJECT);
            assertThat(response.status()).isEqualTo(404);
        }
        Api.Response last = full().account(eu).get("/actions/projects/" + EU_PROJECT);
        assertThat(last.json().path("provider_errors").path(0).path("status").asInt()).isEqualTo(404);
        assertThat(last.json().path("provider_errors").path(0).path("url").asString()).contains("/api/components/show");
        assertThat(breakers.circuitBreaker(EU_BREAKER).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void getIsRetriedAndSucceedsOnTheThirdTry() {
        EU.failTimes("/api/components/search", 503, 2);
        assertThat(projects(eu).status()).isEqualTo(200);
        assertThat(EU.requestCount("/api/components/search")).isEqualTo(3);
        assertThat(api().get("/actuator/prometheus").text()).contains("connector_upstream_retries_total");
    }

    @Test
    void postIsNeverRetried() {
        EU.failWith("/api/issues/do_transition", 503);
        Api.Response response = full().account(eu).post("/actions/issues/" + SimulatorDefaults.EU_FIRST_ISSUE + "/transition",
                Map.of("transition", "confirm"));
        assertThat(response.status()).isEqualTo(502);
        assertThat(EU.requestCount("/api/issues/do_transition")).isEqualTo(1);
    }

    @Test
    void slowUpstreamAnswers504WithinTheDeadlineAndTheServiceStaysResponsive() throws Exception {
        EU.slow("/api/components/search", Duration.ofSeconds(60));
        long start = System.nanoTime();
        CompletableFuture<Api.Response> slow = CompletableFuture.supplyAsync(() -> projects(eu));
        Thread.sleep(200);
        assertThat(projects(us).status()).isEqualTo(200);
        assertThat(full().get("/accounts").status()).isEqualTo(200);
        Api.Response response = slow.get();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_timeout");
        assertThat(elapsedMillis).isLessThan(5_000 + 2_000); // the 5 s deadline plus scheduling slack, never 60 s
    }

    @Test
    void rateLimitedWithRetryAfterIsRetriedThenAnswered429() {
        EU.rateLimit("/api/components/search", 1);
        Api.Response response = projects(eu);
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json().path("code").asString()).isEqualTo("rate_limited");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(EU.requestCount("/api/components/search")).isGreaterThanOrEqualTo(2);
        assertThat(breakers.circuitBreaker(EU_BREAKER).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffThenAnswers429() {
        EU.rateLimit("/api/components/search", null);
        Api.Response response = projects(eu);
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(EU.requestCount("/api/components/search")).isEqualTo(3);
    }

    @Test
    void rateLimitedThenRecoveredSucceeds() {
        EU.failTimes("/api/components/search", 429, 1);
        assertThat(projects(eu).status()).isEqualTo(200);
    }

    @Test
    void fullBulkheadAnswers503Fast() {
        Bulkhead bulkhead = bulkheads.bulkhead("sonar-eu");
        int taken = 0;
        while (bulkhead.tryAcquirePermission()) {
            taken++;
        }
        try {
            Api.Response response = projects(eu);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().path("code").asString()).isEqualTo("provider_unavailable");
            assertThat(response.header("Retry-After")).isNotNull();
            assertThat(projects(us).status()).isEqualTo(200);
        } finally {
            for (int i = 0; i < taken; i++) {
                bulkhead.onComplete();
            }
        }
        assertThat(projects(eu).status()).isEqualTo(200);
    }

    @Test
    void a401MarksTheAccountAndLaterActionsAnswer412WithoutCallingUpstream() {
        EU.failWith("/api/components/search", 401);
        Api.Response first = projects(eu);
        assertThat(first.status()).isEqualTo(412);
        assertThat(first.json().path("code").asString()).isEqualTo("account_not_active");
        var account = full().get("/accounts/" + eu).json();
        assertThat(account.path("status").asString()).isEqualTo("error");
        assertThat(account.path("status_reasons").path(0).path("code").asString()).isEqualTo("token_rejected");
        EU.reset();
        Api.Response second = projects(eu);
        assertThat(second.status()).isEqualTo(412);
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void a401PastTheTokensSixtyDaysMarksItExpired() {
        String account = link(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG, "eu", "old-owner");
        jdbc.sql("update linked_account set token_last_used_at = now() - interval '61 days' where id = :id")
                .param("id", UUID.fromString(account)).update();
        EU.failWith("/api/components/search", 401);
        assertThat(projects(account).status()).isEqualTo(412);
        assertThat(full().get("/accounts/" + account).json().path("status").asString()).isEqualTo("expired");
    }

    @Test
    void malformedUpstreamJsonIs502NotA500() {
        EU.malformed("/api/components/search");
        Api.Response response = projects(eu);
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
    }

    @Test
    void connectionResetIs502() {
        EU.resetConnections("/api/components/search");
        Api.Response response = projects(eu);
        assertThat(response.status()).isEqualTo(502);
        assertThat(EU.requestCount("/api/components/search")).isEqualTo(3);
    }

    @Test
    void successfulUseAdvancesTokenLastUsedAtAtMostHourlyOffTheRequestPath() throws Exception {
        String account = link(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG, "eu", "usage-owner");
        jdbc.sql("update linked_account set token_last_used_at = now() - interval '2 hours' where id = :id")
                .param("id", UUID.fromString(account)).update();
        assertThat(projects(account).status()).isEqualTo(200);
        java.time.Instant written = null;
        for (int i = 0; i < 50 && written == null; i++) {
            java.time.Instant value = jdbc.sql("select token_last_used_at from linked_account where id = :id")
                    .param("id", UUID.fromString(account)).query(java.sql.Timestamp.class).single().toInstant();
            if (value.isAfter(java.time.Instant.now().minusSeconds(60))) {
                written = value;
            }
            Thread.sleep(50);
        }
        assertThat(written).as("token_last_used_at advanced").isNotNull();
        var view = full().get("/accounts/" + account).json();
        assertThat(java.time.Instant.parse(view.path("token_expires_at").asString()))
                .isAfter(java.time.Instant.now().plus(Duration.ofDays(59)));
        // within the hour, further use writes nothing
        assertThat(projects(account).status()).isEqualTo(200);
        Thread.sleep(200);
        assertThat(jdbc.sql("select token_last_used_at from linked_account where id = :id")
                .param("id", UUID.fromString(account)).query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(written);
    }

    @Test
    void metricsCarryRegionEndpointOutcomeButNoToken() {
        assertThat(projects(eu).status()).isEqualTo(200);
        String metrics = api().get("/actuator/prometheus").text();
        assertThat(metrics).contains("connector_upstream_requests_seconds_count{")
                .contains("endpoint=\"api/components/search\"").contains("region=\"eu\"").contains("outcome=\"success\"")
                .contains("connector_actions_seconds_count{");
        assertThat(metrics).doesNotContain(SimulatorDefaults.EU_TOKEN).doesNotContain(SimulatorDefaults.US_TOKEN);
    }
}
