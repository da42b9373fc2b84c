package dev.connector.sonarcloud.hub;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.OTHER_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The /hub/* surface the @stackone/hub web component calls (the real component runs in compat/). */
class HubTest extends IntegrationTest {

    private static final String ORIGIN = "https://hub.example.com"; // connector.hub.allowed-origins in the tests

    private String session(Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(Map.of("origin_owner_id", "hub-owner", "origin_owner_name", "Hub Owner"));
        request.putAll(extra);
        Api.Response created = full().post("/connect_sessions", request);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("token").asString();
    }

    private Api hub(String token) {
        return api().header("x-hub-session-token", token).header("x-hub-version", "1.11.4").header("Origin", ORIGIN);
    }

    private static Map<String, Object> form(String token, String organization, String region) {
        Map<String, String> credentials = new HashMap<>();
        if (token != null) {
            credentials.put("personal_access_token", token);
        }
        credentials.put("organization_key", organization);
        if (region != null) {
            credentials.put("region", region);
        }
        return Map.of("integration_id", "sonarcloud", "credentials", credentials);
    }

    @Test
    void oneSessionServesEveryHubCallUntilItLinksAnAccount() {
        String token = session(Map.of());
        Api hub = hub(token);
        JsonNode settings = hub.get("/hub/settings").json();
        assertThat(settings.path("existing_account_id").isNull()).isTrue();
        JsonNode integrations = hub.get("/hub/connectors").json().path("integrations");
        assertThat(integrations.size()).isEqualTo(1);
        assertThat(integrations.path(0).path("integration_id").asString()).isEqualTo("sonarcloud");
        assertThat(hub.get("/hub/connectors?provider=hibob").json().path("integrations").size()).isZero();
        assertThat(hub.get("/hub/logo.svg").status()).isEqualTo(200);

        JsonNode form = hub.get("/hub/connectors/sonarcloud").json().path("config").path("authentication")
                .path("api_key").path("production");
        List<String> keys = form.path("fields").findValuesAsString("key");
        assertThat(keys).containsExactly("personal_access_token", "organization_key", "region");
        JsonNode tokenField = form.path("fields").path(0);
        assertThat(tokenField.path("secret").asBoolean()).isTrue();
        assertThat(tokenField.path("description").asString()).contains("My Account → Security", "60 days");
        assertThat(tokenField.path("validation").path("pattern").asString()).isEqualTo("^\\s*[0-9a-fA-F]{40}\\s*$");
        assertThat(form.path("fields").path(1).path("description").asString()).contains("/organizations/");
        JsonNode region = form.path("fields").path(2);
        assertThat(region.path("required").asBoolean()).isFalse();
        assertThat(region.path("options").findValuesAsString("label")).containsExactly("EU (sonarcloud.io)", "US (sonarqube.us)");
        assertThat(form.path("guide").path("supportLink").asString()).startsWith("https://");
        assertThat(hub.get("/hub/connectors/hibob").status()).isEqualTo(404);

        // failed attempts keep the session; their words are for a person
        Api.Response wrong = hub.post("/hub/accounts", form(UNKNOWN_TOKEN, EU_ORG, null));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().path("message").asString()).startsWith("That token was not accepted by SonarQube Cloud");
        Api.Response foreign = hub.post("/hub/accounts", form(EU_TOKEN, OTHER_ORG, "eu"));
        assertThat(foreign.json().path("message").asString()).startsWith("This token cannot see organization 'other-org'");
        Api.Response blank = hub.post("/hub/accounts", form(null, EU_ORG, null));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("message").asString()).isEqualTo("Enter your Personal Access Token.");
        assertThat(wrong.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN); // error answers too

        Api.Response linked = hub.post("/hub/accounts", form(EU_TOKEN, EU_ORG, "eu"));
        assertThat(linked.status()).isEqualTo(201);
        assertThat(linked.json().path("provider").asString()).isEqualTo("sonarcloud");
        assertThat(full().get("/accounts/" + linked.json().path("id").asString()).json().path("origin_owner_id").asString())
                .isEqualTo("hub-owner");
        Api.Response spent = hub.get("/hub/settings");
        assertThat(spent.status()).isEqualTo(401);
        assertThat(spent.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void anExpiredOrMissingTokenIsRefused() {
        String token = session(Map.of());
        jdbc.sql("update connect_session set expires_at = :past").param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
                .update();
        assertThat(hub(token).get("/hub/connectors").status()).isEqualTo(401);
        assertThat(api().get("/hub/settings").status()).isEqualTo(401);
        assertThat(full().get("/hub/settings").status()).isEqualTo(401); // an API key is not a session
    }

    @Test
    void editModeShowsTheAccountRedactedAndKeepsItsTokenWhenNoneIsSent() {
        String accountId = linkUsAccount();
        String token = session(Map.of("account_id", accountId));
        Api hub = hub(token);
        assertThat(hub.get("/hub/settings").json().path("existing_account_id").asString()).isEqualTo(accountId);
        Api.Response account = hub.get("/hub/accounts/" + accountId);
        assertThat(account.json().path("integrationId").asString()).isEqualTo("sonarcloud");
        assertThat(account.json().path("setupInformation").path("organization_key").asString()).isEqualTo(US_ORG);
        assertThat(account.json().path("secrets").path("personal_access_token").asString())
                .isEqualTo("__secretvalue:**redacted**");
        assertThat(account.text()).doesNotContain(US_TOKEN);
        assertThat(hub.get("/hub/accounts/" + linkEuAccount()).status()).isEqualTo(404); // not this session's account

        Api.Response saved = hub.patch("/hub/accounts/" + accountId, Map.of("integration_id", "sonarcloud",
                "credentials", Map.of("organization_key", US_ORG, "region", "us")));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().path("id").asString()).isEqualTo(accountId);
        assertThat(US.requestCount("/api/authentication/validate")).isPositive(); // the kept token was checked again
        assertThat(hub.get("/hub/settings").status()).isEqualTo(401);
    }

    @Test
    void corsPreflightsForTheHubsOriginOnlyAndEveryAnswerCarriesTheHeaders() {
        Api.Response preflight = api().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "content-type,x-hub-session-token,x-hub-version")
                .withoutContractCheck().send("OPTIONS", "/hub/connectors", null, null);
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("x-hub-session-token", "x-hub-version");
        Api.Response patchPreflight = api().header("Origin", ORIGIN).header("Access-Control-Request-Method", "PATCH")
                .withoutContractCheck().send("OPTIONS", "/hub/accounts/abc", null, null);
        assertThat(patchPreflight.header("Access-Control-Allow-Methods")).contains("PATCH");

        Api.Response foreign = api().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .withoutContractCheck().send("OPTIONS", "/hub/connectors", null, null);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        Api.Response unknownSession = hub("cs_unknown").get("/hub/settings");
        assertThat(unknownSession.status()).isEqualTo(401);
        assertThat(unknownSession.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void theHostedPageIsSelfContained() {
        Api.Response page = api().get("/hub/connect");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'");
        assertThat(page.text()).contains("<script src=\"connect.js\"", "role=\"alert\"", "lang=\"en\"", "name=\"viewport\"")
                .doesNotContain("http://", "https://");
        assertThat(api().get("/hub/connect.js").text()).contains("x-hub-session-token", "/hub/accounts")
                .doesNotContain("http://", "https://");
        assertThat(api().get("/hub/connect.css").contentType()).startsWith("text/css");
    }
}
