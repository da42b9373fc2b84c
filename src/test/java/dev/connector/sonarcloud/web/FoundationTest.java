package dev.connector.sonarcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoundationTest extends IntegrationTest {

    @Test
    void healthIsPublicAndUp() {
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        Api.Response readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(full().get("/actuator/health/readiness").json().path("components").has("db")).isTrue();
    }

    @Test
    void noCredentialIs401Problem() {
        Api.Response response = api().get("/accounts");
        assertThat(response.status()).isEqualTo(401);
        assertProblem(response, "unauthorized");
    }

    @Test
    void unknownKeyIs401() {
        assertThat(api().as("not-a-key").get("/accounts").status()).isEqualTo(401);
    }

    @Test
    void basicAuthWithKeyAsUserNameWorks() {
        String basic = Base64.getEncoder().encodeToString((TestKeys.FULL + ":").getBytes());
        assertThat(api().header("Authorization", "Basic " + basic).get("/accounts").status()).isEqualTo(200);
    }

    @Test
    void keyWithoutScopeIs403() {
        Api.Response response = api().as(TestKeys.NO_SCOPE).get("/accounts");
        assertThat(response.status()).isEqualTo(403);
        assertProblem(response, "forbidden");
    }

    @Test
    void unknownRouteIs404Problem() {
        Api.Response response = full().get("/nope");
        assertThat(response.status()).isEqualTo(404);
        assertProblem(response, "not_found");
    }

    @Test
    void wrongMethodIs405Problem() {
        Api.Response response = full().send("PUT", "/accounts", "application/json", "{}");
        assertThat(response.status()).isEqualTo(405);
        assertProblem(response, "method_not_allowed");
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        Api.Response response = full().send("POST", "/connect_sessions", "text/plain", "hello");
        assertThat(response.status()).isEqualTo(415);
        assertProblem(response, "unsupported_media_type");
    }

    @Test
    void malformedJsonIs400Validation() {
        Api.Response response = full().send("POST", "/connect_sessions", "application/json", "{\"origin_owner_id\": ");
        assertThat(response.status()).isEqualTo(400);
        assertProblem(response, "validation_failed");
        assertThat(response.json().path("errors").isArray()).isTrue();
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        Api.Response response = full().post("/connect_sessions", Map.of("origin_owner_id", Map.of("nested", 1)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("origin_owner_id");
    }

    @Test
    void oneMebibyteBodyIsRefusedAndServiceStaysHealthy() {
        String huge = "{\"origin_owner_id\":\"" + "x".repeat(1024 * 1024) + "\"}";
        Api.Response response = full().send("POST", "/connect_sessions", "application/json", huge);
        assertThat(response.status()).isIn(400, 413);
        assertProblem(response, "validation_failed");
        assertThat(api().get("/actuator/health").status()).isEqualTo(200);
        assertThat(full().get("/accounts").status()).isEqualTo(200);
    }

    @Test
    void requestIdIsEchoedAndInProblems() {
        Api.Response response = api().header("X-Request-Id", "req-123").get("/accounts");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-123");
        assertThat(response.json().path("request_id").asString()).isEqualTo("req-123");
    }

    @Test
    void traceparentGivesTheRequestId() {
        Api.Response response = api().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/accounts");
        assertThat(response.header("X-Request-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        Api.Response response = api().header("X-Request-Id", "bad id with spaces").get("/accounts");
        assertThat(response.header("X-Request-Id")).isNotEqualTo("bad id with spaces").isNotBlank();
    }

    @Test
    void openApiIsServedAsIs() throws Exception {
        Api.Response response = api().get("/openapi.yaml");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        assertThat(response.text()).isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of("openapi.yaml")));
    }

    @Test
    void prometheusIsPublicAndInfoIsForAdmins() {
        Api.Response prometheus = api().get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text()).contains("jvm_");
        Api.Response info = full().get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("version").asString()).isNotBlank();
    }

    static void assertProblem(Api.Response response, String code) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        var body = response.json();
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(response.status());
        for (String member : new String[] {"type", "title", "detail", "request_id", "timestamp"}) {
            assertThat(body.has(member)).as(member).isTrue();
        }
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at dev.connector");
    }
}
