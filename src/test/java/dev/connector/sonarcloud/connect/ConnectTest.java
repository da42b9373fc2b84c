package dev.connector.sonarcloud.connect;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_LOGIN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.NO_ORG_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.OTHER_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_LOGIN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectTest extends IntegrationTest {

    private static Map<String, Object> form(String token, String organization, String region) {
        Map<String, Object> form = new HashMap<>();
        form.put("personal_access_token", token);
        form.put("organization_key", organization);
        if (region != null) {
            form.put("region", region);
        }
        form.put("origin_owner_id", "owner-1");
        form.put("origin_owner_name", "Owner One");
        return form;
    }

    @Test
    void validTokenAndMemberOrganizationLinksThenRelinks() {
        Api.Response created = full().post("/connect", form(EU_TOKEN, EU_ORG, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var account = created.json();
        assertThat(account.path("status").asString()).isEqualTo("active");
        assertThat(account.path("provider").asString()).isEqualTo("sonarcloud");
        assertThat(account.path("setup_information").path("login").asString()).isEqualTo(EU_LOGIN);
        assertThat(account.path("setup_information").path("region").asString()).isEqualTo("eu");
        Instant expires = Instant.parse(account.path("token_expires_at").asString());
        assertThat(expires).isCloseTo(Instant.now().plus(60, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));
        assertThat(created.header("Location")).isEqualTo("/accounts/" + account.path("id").asString());
        assertThat(created.text()).doesNotContain(EU_TOKEN);

        Api.Response again = full().post("/connect", form(EU_TOKEN, EU_ORG, "EU"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(account.path("id").asString());
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void multipleTrueLinksASecondAccount() {
        full().post("/connect", form(EU_TOKEN, EU_ORG, null));
        Map<String, Object> second = form(EU_TOKEN, EU_ORG, null);
        second.put("multiple", true);
        assertThat(full().post("/connect", second).status()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void invalidTokenIs422InvalidCredentials() {
        Api.Response response = full().post("/connect", form(UNKNOWN_TOKEN, EU_ORG, null));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("code").asString()).isEqualTo("invalid_credentials");
        assertThat(response.text()).doesNotContain(UNKNOWN_TOKEN);
        assertThat(EU.requestCount("/api/organizations/search")).isZero();
    }

    @Test
    void notAMemberIs422OrganizationNotAccessible() {
        Api.Response notMember = full().post("/connect", form(EU_TOKEN, OTHER_ORG, null));
        assertThat(notMember.status()).isEqualTo(422);
        assertThat(notMember.json().path("code").asString()).isEqualTo("organization_not_accessible");
        Api.Response noOrg = full().post("/connect", form(NO_ORG_TOKEN, "does-not-exist", null));
        assertThat(noOrg.json().path("code").asString()).isEqualTo("organization_not_accessible");
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isZero();
    }

    @Test
    void blankTokenIs400WithoutAnyUpstreamCall() {
        for (String blank : List.of("", "   ", "\t\n")) {
            Api.Response response = full().post("/connect", form(blank, EU_ORG, null));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("personal_access_token");
        }
        Map<String, Object> missing = form(EU_TOKEN, EU_ORG, null);
        missing.remove("personal_access_token");
        assertThat(full().post("/connect", missing).status()).isEqualTo(400);
        assertThat(EU.requestCount()).isZero();
        assertThat(US.requestCount()).isZero();
    }

    @Test
    void badShapesAre400() {
        assertThat(full().post("/connect", form("abc\u0001defghij", EU_ORG, null)).status()).isEqualTo(400);
        assertThat(full().post("/connect", form("x".repeat(300), EU_ORG, null)).status()).isEqualTo(400);
        assertThat(full().post("/connect", form(EU_TOKEN, "bad org/../x", null)).status()).isEqualTo(400);
        Map<String, Object> wrongType = form(EU_TOKEN, EU_ORG, null);
        wrongType.put("organization_key", List.of("a"));
        assertThat(full().post("/connect", wrongType).status()).isEqualTo(400);
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void regionUsCallsOnlyTheUsSimulator() {
        Api.Response response = full().post("/connect", form(US_TOKEN, US_ORG, "US"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("setup_information").path("region").asString()).isEqualTo("us");
        assertThat(response.json().path("setup_information").path("login").asString()).isEqualTo(US_LOGIN);
        assertThat(US.requestCount("/api/authentication/validate")).isEqualTo(1);
        assertThat(EU.requestCount()).isZero();
        assertThat(full().post("/connect", form(US_TOKEN, US_ORG, "sonarqube.us")).status()).isEqualTo(200);
    }

    @Test
    void unknownRegionIs400NamingTheAllowedValues() {
        Api.Response response = full().post("/connect", form(EU_TOKEN, EU_ORG, "mars"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("region");
        assertThat(response.json().path("errors").path(0).path("message").asString()).contains("eu").contains("us");
        assertThat(EU.requestCount() + US.requestCount()).isZero();
    }

    @Test
    void apiKeyNeedsConnectScopeAndOwnerFields() {
        assertThat(api().as(TestKeys.READ_ONLY).post("/connect", form(EU_TOKEN, EU_ORG, null)).status()).isEqualTo(403);
        Map<String, Object> noOwner = form(EU_TOKEN, EU_ORG, null);
        noOwner.remove("origin_owner_id");
        Api.Response response = full().post("/connect", noOwner);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("origin_owner_id");
    }

    @Test
    void hubFlowWithSessionTokenFormEncodedAndCors() throws Exception {
        Api.Response session = api().as(TestKeys.CONNECT_ONLY).post("/connect_sessions",
                Map.of("origin_owner_id", "user-42", "origin_owner_name", "Ada", "label", "Ada's org"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String token = session.json().path("token").asString();
        assertThat(jdbc.sql("select count(*) from connect_session where encode(token_sha256, 'escape') like :t")
                .param("t", "%" + token + "%").query(Long.class).single()).isZero();

        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/connect"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://hub.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://hub.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");

        Api.Response connected = api().header("Authorization", "Bearer " + token).header("Origin", "https://hub.example.com")
                .postForm("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG, "region", "eu"));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        assertThat(connected.header("Access-Control-Allow-Origin")).isEqualTo("https://hub.example.com");
        assertThat(connected.json().path("origin_owner_id").asString()).isEqualTo("user-42");
        assertThat(connected.json().path("label").asString()).isEqualTo("Ada's org");

        Api.Response reused = api().header("Authorization", "Bearer " + token)
                .postForm("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(reused.status()).isEqualTo(401);

        Api.Response foreignOrigin = api().header("Authorization", "Bearer " + token).header("Origin", "https://evil.example")
                .withoutContractCheck()
                .postForm("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(foreignOrigin.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void expiredSessionIs401() {
        String token = api().as(TestKeys.CONNECT_ONLY).post("/connect_sessions",
                Map.of("origin_owner_id", "u", "origin_owner_name", "U", "expires_in", 60)).json().path("token").asString();
        jdbc.sql("update connect_session set expires_at = now() - interval '1 second'").update();
        Api.Response response = api().header("Authorization", "Bearer " + token)
                .post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void failedAttemptsDoNotSpendTheSessionUntilTheTenth() {
        String token = api().as(TestKeys.CONNECT_ONLY).post("/connect_sessions",
                Map.of("origin_owner_id", "u", "origin_owner_name", "U")).json().path("token").asString();
        Api session = api().header("Authorization", "Bearer " + token);
        assertThat(session.post("/connect", Map.of("personal_access_token", UNKNOWN_TOKEN, "organization_key", EU_ORG))
                .status()).isEqualTo(422);
        assertThat(session.post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG))
                .status()).isEqualTo(201);

        String second = api().as(TestKeys.CONNECT_ONLY).post("/connect_sessions",
                Map.of("origin_owner_id", "v", "origin_owner_name", "V")).json().path("token").asString();
        jdbc.sql("update connect_session set failed_attempts = 9 where spent_at is null").update();
        Api secondSession = api().header("Authorization", "Bearer " + second);
        assertThat(secondSession.post("/connect", Map.of("personal_access_token", " ", "organization_key", EU_ORG))
                .status()).isEqualTo(400);
        assertThat(secondSession.post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG))
                .status()).isEqualTo(401);
    }

    @Test
    void sessionForAnotherProjectsAccountIs404() {
        String account = linkEuAccount();
        Api.Response response = api().as(TestKeys.OTHER_PROJECT).post("/connect_sessions",
                Map.of("origin_owner_id", "u", "origin_owner_name", "U", "account_id", account));
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void sessionWithAccountIdRelinksThatAccount() {
        String account = linkEuAccount();
        String token = full().post("/connect_sessions", Map.of("origin_owner_id", "someone-else",
                "origin_owner_name", "S", "account_id", account)).json().path("token").asString();
        Api.Response relinked = api().header("Authorization", "Bearer " + token)
                .post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(relinked.status()).isEqualTo(200);
        assertThat(relinked.json().path("id").asString()).isEqualTo(account);
    }

    @Test
    void twentyConcurrentIdenticalConnectsEndWithOneAccount() throws Exception {
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(20)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    Api.Response response = full().post("/connect", form(EU_TOKEN, EU_ORG, null));
                    statuses.add(response.status());
                    ids.add(response.json().path("id").asString());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(statuses).isSubsetOf(200, 201);
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void storedRowNeverHoldsTheTokenInClear() {
        linkEuAccount();
        String row = jdbc.sql("select row_to_json(a)::text from linked_account a").query(String.class).single();
        String hex = jdbc.sql("select encode(credential_ciphertext, 'hex') from linked_account").query(String.class).single();
        String escaped = jdbc.sql("select encode(credential_ciphertext, 'escape') from linked_account").query(String.class).single();
        assertThat(row).doesNotContain(EU_TOKEN);
        assertThat(hex).doesNotContain(java.util.HexFormat.of().formatHex(EU_TOKEN.getBytes()));
        assertThat(escaped).doesNotContain(EU_TOKEN);
    }

    @Test
    void upstreamOutageAtConnectIsAnUpstreamErrorNotAStoredAccount() {
        EU.failWith("/api/authentication/validate", 503);
        Api.Response response = full().post("/connect", form(EU_TOKEN, EU_ORG, null));
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isZero();
    }
}
