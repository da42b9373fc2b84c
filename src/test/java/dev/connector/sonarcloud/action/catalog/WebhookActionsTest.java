package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WebhookActionsTest extends IntegrationTest {

    private static final String SECRET = "s3cr3t-that-never-comes-back-4711";
    private static final Map<String, Object> CREATE = Map.of("name", "CI listener",
            "url", "https://ci.example.com/sonar-hook", "project", SimulatorDefaults.EU_PROJECT, "secret", SECRET);

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void listWebhooksByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/webhooks");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.path(0).path("key").asString()).isEqualTo("UUID-1");
        assertThat(data.path(0).path("name").asString()).isEqualTo("my first webhook");
        assertThat(data.path(0).path("url").asString()).isEqualTo("http://www.my-webhook-listener.com/sonarqube");
        // the example body has "hasSecret": "false" / "true" as strings
        assertThat(data.path(0).path("has_secret").isBoolean()).isTrue();
        assertThat(data.path(0).path("has_secret").asBoolean()).isFalse();
        assertThat(data.path(1).path("has_secret").isBoolean()).isTrue();
        assertThat(data.path(1).path("has_secret").asBoolean()).isTrue();
        assertThat(data.path(1).path("latest_delivery").isNull()).isTrue();
        assertThat(rest.json().path("next").isNull()).isTrue();
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/webhooks/list?");
        assertThat(upstream.queryParameter("organization").firstValue()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(upstream.queryParameter("project").isPresent()).isFalse();

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_list_webhooks"));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(data);

        full().account(account).get("/actions/webhooks?project=" + SimulatorDefaults.EU_PROJECT);
        assertThat(EU.requests().getLast().queryParameter("project").firstValue()).isEqualTo(SimulatorDefaults.EU_PROJECT);
    }

    @Test
    void latestDeliveryIsNormalized() {
        EU.answer("GET", "/api/webhooks/list", 200, """
                {"webhooks":[{"key":"UUID-1","name":"hook","url":"https://example.com/h","hasSecret":false,
                 "latestDelivery":{"id":"d1","at":"2017-07-14T04:40:00+0200","success":true,"httpStatus":200,"durationMs":10}}]}""");
        JsonNode delivery = full().account(account).get("/actions/webhooks").json().path("data").path(0).path("latest_delivery");
        assertThat(delivery.path("at").asString()).isEqualTo("2017-07-14T02:40:00Z");
        assertThat(delivery.path("http_status").asInt()).isEqualTo(200);
        assertThat(delivery.path("duration_ms").asInt()).isEqualTo(10);
    }

    @Test
    void createWebhookSendsTheSecretUpstreamButNeverBack() {
        Api.Response rest = full().account(account).post("/actions/webhooks?raw=true", CREATE);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode webhook = rest.json().path("data");
        assertThat(webhook.path("name").asString()).isEqualTo("CI listener");
        assertThat(webhook.path("url").asString()).isEqualTo("https://ci.example.com/sonar-hook");
        assertThat(webhook.path("has_secret").asBoolean()).isTrue();
        assertThat(webhook.path("key").asString()).isNotBlank();
        assertThat(rest.text()).doesNotContain(SECRET);

        assertThat(EU.requestCount("/api/webhooks/create")).isEqualTo(1);
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getMethod().getName()).isEqualTo("POST");
        assertThat(upstream.getUrl()).isEqualTo("/api/webhooks/create");
        assertThat(upstream.formParameter("organization").firstValue()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(upstream.formParameter("name").firstValue()).isEqualTo("CI listener");
        assertThat(upstream.formParameter("url").firstValue()).isEqualTo("https://ci.example.com/sonar-hook");
        assertThat(upstream.formParameter("project").firstValue()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(upstream.formParameter("secret").firstValue()).isEqualTo(SECRET);

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_create_webhook", "body", CREATE));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(webhook);
        assertThat(rpc.text()).doesNotContain(SECRET);
    }

    @Test
    void createWebhookWithoutSecretSaysSo() {
        Api.Response response = full().account(account).post("/actions/webhooks",
                Map.of("name", "plain", "url", "http://ci.example.com/hook"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("data").path("has_secret").asBoolean()).isFalse();
        assertThat(EU.requests().getFirst().formParameter("secret").isPresent()).isFalse();
        assertThat(EU.requests().getFirst().formParameter("project").isPresent()).isFalse();
    }

    @Test
    void createWebhookChecksItsInputBeforeCallingUpstream() {
        Api.Response missing = full().account(account).post("/actions/webhooks", Map.of("name", "no url"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("url");

        Api.Response ftp = full().account(account).post("/actions/webhooks", Map.of("name", "x", "url", "ftp://example.com"));
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.json().path("errors").path(0).path("field").asString()).isEqualTo("url");

        Api.Response tooLong = full().account(account).post("/actions/webhooks",
                Map.of("name", "x", "url", "https://example.com/" + "a".repeat(493)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").path(0).path("field").asString()).isEqualTo("url");

        Api.Response badSecret = full().account(account).post("/actions/webhooks",
                Map.of("name", "x", "url", "https://example.com", "secret", "s".repeat(201) + "-leak"));
        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badSecret.json().path("errors").path(0).path("field").asString()).isEqualTo("secret");
        assertThat(badSecret.text()).doesNotContain("-leak");

        assertThat(EU.requestCount()).isZero();

        Api.Response longest = full().account(account).post("/actions/webhooks",
                Map.of("name", "x", "url", "https://example.com/" + "a".repeat(492)));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
    }

    @Test
    void readOnlyKeyCannotWrite() {
        Api readOnly = api().as(TestKeys.READ_ONLY).account(account);
        Api.Response create = readOnly.post("/actions/webhooks", CREATE);
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(create.text()).doesNotContain(SECRET);
        Api.Response delete = readOnly.delete("/actions/webhooks/UUID-1");
        assertThat(delete.status()).isEqualTo(403);
        Api.Response rpc = readOnly.post("/actions/rpc", Map.of("action", "sonarcloud_delete_webhook",
                "path", Map.of("webhook_key", "UUID-1")));
        assertThat(rpc.status()).isEqualTo(403);
        assertThat(EU.requestCount()).isZero();
        assertThat(readOnly.get("/actions/webhooks").status()).isEqualTo(200);
    }

    @Test
    void createIsNeverRetried() {
        EU.failWith("/api/webhooks/create", 503);
        Api.Response response = full().account(account).post("/actions/webhooks", CREATE);
        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        assertThat(response.text()).doesNotContain(SECRET);
        assertThat(EU.requestCount("/api/webhooks/create")).isEqualTo(1);
    }

    @Test
    void deleteIsNeverRetried() {
        EU.failWith("/api/webhooks/delete", 503);
        Api.Response response = full().account(account).delete("/actions/webhooks/UUID-1");
        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(EU.requestCount("/api/webhooks/delete")).isEqualTo(1);
    }

    @Test
    void deleteWebhookByRestAndRpcAlike() {
        Api.Response rest = full().account(account).delete("/actions/webhooks/UUID-1");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.json().path("data"))
                .isEqualTo(Api.JSON.createObjectNode().put("key", "UUID-1").put("deleted", true));
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getMethod().getName()).isEqualTo("POST");
        assertThat(upstream.getUrl()).isEqualTo("/api/webhooks/delete");
        assertThat(upstream.formParameter("webhook").firstValue()).isEqualTo("UUID-1");

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_delete_webhook", "path", Map.of("webhook_key", "UUID-1")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));

        Api.Response missing = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_delete_webhook"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("webhook_key");
    }

    @Test
    void unknownWebhookIs404FromUpstream() {
        EU.answer("POST", "/api/webhooks/delete", 404, "{\"errors\":[{\"msg\":\"No webhook with key 'nope'\"}]}");
        Api.Response response = full().account(account).delete("/actions/webhooks/nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("provider_errors").path(0).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void aSecretSentByUpstreamIsDroppedEvenFromRaw() {
        EU.answer("GET", "/api/webhooks/list", 200, """
                {"webhooks":[{"key":"OLD-1","name":"old style","url":"https://example.com/h","secret":"upstream-leaked-secret"}]}""");
        Api.Response response = full().account(account).get("/actions/webhooks?raw=true");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).doesNotContain("upstream-leaked-secret");
        assertThat(response.json().path("data").path(0).path("has_secret").asBoolean()).isTrue();
        assertThat(response.json().path("raw").path("webhooks").path(0).path("key").asString()).isEqualTo("OLD-1");
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        JsonNode normal = full().account(account).get("/actions/webhooks").json().path("data");
        ObjectNode body = (ObjectNode) RuleActionsTest.fixture("webhook/example-webhooks-list.json");
        ObjectNode first = (ObjectNode) body.path("webhooks").path(0);
        first.remove("url");
        first.put("brandNewField", true);
        EU.answer("GET", "/api/webhooks/list", 200, Api.JSON.writeValueAsString(body));
        JsonNode changed = full().account(account).get("/actions/webhooks").json().path("data");

        JsonNode expected = normal.deepCopy();
        ((ObjectNode) expected.path(0)).putNull("url");
        assertThat(changed).isEqualTo(expected);
    }
}
