package dev.connector.sonarcloud.sonar;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Low limits in a context of their own: the per-account upstream limit and the /connect abuse limits. */
@TestPropertySource(properties = {
        "connector.upstream.account-requests-per-minute=3",
        "connector.connect.session-requests-per-minute=3",
        "connector.connect.project-requests-per-minute=4",
})
class LimitsTest extends IntegrationTest {

    @Test
    void anAccountOverItsRateLimitGets429WithRetryAfterAndNoUpstreamCall() {
        String account = linkEuAccount();
        for (int i = 0; i < 3; i++) {
            assertThat(full().account(account).get("/actions/projects").status()).isEqualTo(200);
        }
        int before = EU.requestCount();
        Api.Response limited = full().account(account).get("/actions/projects");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(EU.requestCount()).isEqualTo(before);
    }

    @Test
    void connectIsRateLimitedPerSessionAndPerProject() {
        String token = api().as(TestKeys.OTHER_PROJECT).post("/connect_sessions",
                Map.of("origin_owner_id", "guesser", "origin_owner_name", "G")).json().path("token").asString();
        Api session = api().header("Authorization", "Bearer " + token);
        for (int i = 0; i < 3; i++) {
            assertThat(session.post("/connect", Map.of("personal_access_token", UNKNOWN_TOKEN, "organization_key", EU_ORG))
                    .status()).isEqualTo(422);
        }
        Api.Response limited = session.post("/connect", Map.of("personal_access_token", UNKNOWN_TOKEN, "organization_key", EU_ORG));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();

        Api backend = api().as(TestKeys.OTHER_PROJECT);
        Map<String, Object> form = Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG,
                "origin_owner_id", "o", "origin_owner_name", "O");
        assertThat(backend.post("/connect", form).status()).isEqualTo(201); // the project's 4th attempt this minute
        Api.Response projectLimited = backend.post("/connect", form);
        assertThat(projectLimited.status()).isEqualTo(429);
        assertThat(projectLimited.json().path("code").asString()).isEqualTo("rate_limited");
    }
}
