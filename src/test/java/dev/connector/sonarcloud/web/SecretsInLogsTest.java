package dev.connector.sonarcloud.web;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** With every logger at DEBUG, API keys, SonarQube tokens and session tokens reach no log line. */
@ExtendWith(OutputCaptureExtension.class)
// everything at DEBUG (the in-process simulator's Jetty too) makes calls take seconds: the default upstream timeouts,
// not the tight test ones, since the request deadline now aborts an exchange still running
@TestPropertySource(properties = {"logging.level.root=DEBUG", "connector.upstream.read-timeout=10s",
        "connector.upstream.deadline=30s"})
class SecretsInLogsTest extends IntegrationTest {

    @Test
    void noSecretInAnyLogLine(CapturedOutput output) {
        Api.Response connected = full().header("X-Request-Id", "secrets-check-1").post("/connect", Map.of(
                "personal_access_token", EU_TOKEN, "organization_key", EU_ORG,
                "origin_owner_id", "o", "origin_owner_name", "O"));
        assertThat(connected.status()).isEqualTo(201);
        String account = connected.json().path("id").asString();
        String session = full().post("/connect_sessions", Map.of("origin_owner_id", "o", "origin_owner_name", "O"))
                .json().path("token").asString();
        api().header("Authorization", "Bearer " + session)
                .post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        api().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((TestKeys.READ_ONLY + ":").getBytes()))
                .account(account).get("/actions/projects");
        full().account(account).get("/actions/issues?page_size=2");
        full().account(account).post("/actions/webhooks", Map.of("name", "hook", "url", "https://example.com/hook",
                "secret", "webhook-secret-value-123"));
        EU.failWith("/api/components/search", 503);
        full().header("X-Request-Id", "secrets-check-2").account(account).get("/actions/projects");
        EU.failWith("/api/components/search", 401);
        full().account(account).get("/actions/projects");
        api().as("wrong-key-value-987").get("/accounts");
        // form bodies that Tomcat's parameter parser complains about (H3): a malformed escape, a chunk without '='
        full().send("POST", "/connect", "application/x-www-form-urlencoded",
                "personal_access_token=" + EU_TOKEN + "%&organization_key=" + EU_ORG);
        full().send("POST", "/connect", "application/x-www-form-urlencoded",
                "organization_key=" + EU_ORG + "&" + EU_TOKEN + "&&personal_access_token=" + EU_TOKEN);
        Api.Response webhook = full().post("/webhooks", Map.of("url", "http://127.0.0.1:9/nobody-listens",
                "events", java.util.List.of("account.created")));
        String webhookSecret = webhook.json().path("secret").asString();
        String webhookId = webhook.json().path("id").asString();
        String rotatedSecret = full().post("/webhooks/" + webhookId + "/rotate_secret", null).json().path("secret").asString();
        full().post("/webhooks/" + webhookId + "/test", null);
        try {
            Thread.sleep(1000); // a delivery attempt or two (refused connection) while logging at DEBUG
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        String logs = output.getAll();
        assertThat(logs).contains("\"request_id\":\"secrets-check-2\"");
        assertThat(logs).doesNotContain(TestKeys.FULL).doesNotContain(TestKeys.READ_ONLY)
                .doesNotContain("wrong-key-value-987").doesNotContain(EU_TOKEN).doesNotContain(session)
                .doesNotContain("webhook-secret-value-123")
                .doesNotContain(webhookSecret.substring("whsec_".length())).doesNotContain(rotatedSecret.substring("whsec_".length()));
        // the keyset's key material
        String keyValue = KEYSET.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(keyValue).isNotBlank().isNotEqualTo(KEYSET);
        assertThat(logs).doesNotContain(keyValue);
    }
}
