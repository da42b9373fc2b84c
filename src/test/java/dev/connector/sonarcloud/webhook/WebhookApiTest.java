package dev.connector.sonarcloud.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The /webhooks API: subscriptions, secrets, test pings, the delivery log, replay, and refusals. */
class WebhookApiTest extends IntegrationTest {

    @Autowired
    DeliveryWorker worker;

    private Receiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        worker.start();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("timed out waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private Api.Response create(String path, List<String> events) {
        return full().post("/webhooks", Map.of("url", receiver.url(path), "events", events));
    }

    @Test
    void theSecretIsShownOnlyWhenCreatedAndTheSubscriptionCanBeChangedAndDeleted() {
        Api.Response created = create("/a", List.of("account.created", "account.deleted"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/webhooks/" + id);
        assertThat(created.json().path("secret").asString()).startsWith("whsec_");
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("events").toString()).isEqualTo("[\"account.created\",\"account.deleted\"]");

        Api.Response read = full().get("/webhooks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain("secret").doesNotContain(created.json().path("secret").asString());
        assertThat(full().get("/webhooks").json().path("data").path(0).path("id").asString()).isEqualTo(id);
        assertThat(full().get("/webhooks").text()).doesNotContain("whsec_");

        Api.Response patched = full().patch("/webhooks/" + id, Map.of("enabled", false, "description", "paused",
                "events", List.of("account.error")));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.json().path("description").asString()).isEqualTo("paused");
        assertThat(patched.json().path("events").path(0).asString()).isEqualTo("account.error");

        assertThat(api().as(TestKeys.OTHER_PROJECT).get("/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api().as(TestKeys.OTHER_PROJECT).delete("/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api().as(TestKeys.OTHER_PROJECT).get("/webhooks").json().path("data").size()).isZero();
        assertThat(full().delete("/webhooks/" + id).status()).isEqualTo(204);
        assertThat(full().get("/webhooks/" + id).status()).isEqualTo(404);
        assertThat(full().get("/webhooks/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void webhooksNeedTheWebhooksScope() {
        assertThat(api().as(TestKeys.READ_ONLY).get("/webhooks").status()).isEqualTo(403);
        assertThat(api().as(TestKeys.CONNECT_ONLY).post("/webhooks", Map.of("url", receiver.url("/"), "events",
                List.of("account.created"))).status()).isEqualTo(403);
        assertThat(api().get("/webhooks").status()).isEqualTo(401);
    }

    @Test
    void badSubscriptionsAreRefusedWithClearErrors() {
        Api.Response noFields = full().post("/webhooks", Map.of());
        assertThat(noFields.status()).isEqualTo(400);
        assertThat(noFields.json().path("errors").toString()).contains("url").contains("events");
        Api.Response unknownEvent = full().post("/webhooks", Map.of("url", receiver.url("/"), "events", List.of("account.nope")));
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.json().path("errors").path(0).path("message").asString()).contains("account.nope");
        assertThat(full().post("/webhooks", Map.of("url", receiver.url("/"), "events", List.of("ping"))).status()).isEqualTo(400);
        assertThat(full().post("/webhooks", Map.of("url", receiver.url("/"), "events", List.of())).status()).isEqualTo(400);
        Api.Response ftp = full().post("/webhooks", Map.of("url", "ftp://example.com/x", "events", List.of("account.created")));
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.json().path("errors").path(0).path("message").asString()).contains("https");
        assertThat(full().post("/webhooks", Map.of("url", "https://user:pw@example.com/", "events",
                List.of("account.created"))).status()).isEqualTo(400);
        assertThat(full().post("/webhooks", Map.of("url", "https://no-such-host.invalid/", "events",
                List.of("account.created"))).json().path("errors").path(0).path("message").asString()).contains("does not resolve");
        assertThat(full().withoutContractCheck().send("POST", "/webhooks", "application/json", "{\"url\":").status()).isEqualTo(400);
        assertThat(full().get("/webhooks/" + UUID.randomUUID() + "/deliveries").status()).isEqualTo(404);
        String id = create("/a", List.of("account.created")).json().path("id").asString();
        assertThat(full().get("/webhooks/" + id + "/deliveries?status=lost").status()).isEqualTo(400);
        assertThat(full().get("/webhooks/" + id + "/deliveries?next=forged").status()).isEqualTo(400);
        assertThat(full().patch("/webhooks/" + id, Map.of("url", "gopher://x")).status()).isEqualTo(400);
    }

    @Test
    void aTestPingIsSignedAndCanBeReplayedWithTheSameWebhookId() throws Exception {
        Api.Response created = create("/ping", List.of("account.created"));
        String id = created.json().path("id").asString();
        String secret = created.json().path("secret").asString();
        Api.Response ping = full().post("/webhooks/" + id + "/test", null);
        assertThat(ping.status()).isEqualTo(202);
        assertThat(ping.json().path("event_type").asString()).isEqualTo("ping");
        assertThat(ping.json().path("status").asString()).isEqualTo("pending");
        eventually("the ping", () -> receiver.received().size() == 1);
        Receiver.Received received = receiver.received().getFirst();
        new Webhook(secret).verify(received.body(), received.headers());
        assertThat(received.type()).isEqualTo("ping");
        assertThat(received.json().path("data").path("webhook_id").asString()).isEqualTo(id);

        String deliveryId = ping.json().path("id").asString();
        eventually("the log to say succeeded", () -> full().get("/webhooks/" + id + "/deliveries").json()
                .path("data").path(0).path("status").asString().equals("succeeded"));
        Api.Response replay = full().post("/webhooks/" + id + "/deliveries/" + deliveryId + "/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("event_id").asString()).isEqualTo(ping.json().path("event_id").asString());
        assertThat(replay.json().path("id").asString()).isNotEqualTo(deliveryId);
        eventually("the replay", () -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).id()).isEqualTo(received.id());
        assertThat(receiver.received().get(1).body()).isEqualTo(received.body());
        assertThat(full().post("/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/replay", null).status()).isEqualTo(404);
        assertThat(api().as(TestKeys.OTHER_PROJECT).post("/webhooks/" + id + "/deliveries/" + deliveryId + "/replay", null)
                .status()).isEqualTo(404);
    }

    @Test
    void afterRotationDeliveriesCarryBothSignaturesDuringTheGracePeriod() throws Exception {
        Api.Response created = create("/rotate", List.of("account.created"));
        String id = created.json().path("id").asString();
        String oldSecret = created.json().path("secret").asString();
        Api.Response rotated = full().post("/webhooks/" + id + "/rotate_secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.json().path("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(Instant.parse(rotated.json().path("previous_secret_expires_at").asString()))
                .isAfter(Instant.now().plus(23, ChronoUnit.HOURS));
        full().post("/webhooks/" + id + "/test", null);
        eventually("the ping", () -> receiver.received().size() == 1);
        Receiver.Received received = receiver.received().getFirst();
        assertThat(received.headers().firstValue("webhook-signature").orElseThrow().split(" ")).hasSize(2);
        new Webhook(newSecret).verify(received.body(), received.headers());
        new Webhook(oldSecret).verify(received.body(), received.headers());

        // once the grace period is over only the new secret signs
        jdbc.sql("update webhook set previous_secret_expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(id)).update();
        full().post("/webhooks/" + id + "/test", null);
        eventually("the second ping", () -> receiver.received().size() == 2);
        Receiver.Received later = receiver.received().get(1);
        assertThat(later.headers().firstValue("webhook-signature").orElseThrow().split(" ")).hasSize(1);
        new Webhook(newSecret).verify(later.body(), later.headers());
        Exception refused = null;
        try {
            new Webhook(oldSecret).verify(later.body(), later.headers());
        } catch (Exception e) {
            refused = e;
        }
        assertThat(refused).as("the expired secret no longer verifies").isNotNull();
    }

    @Test
    void aRedirectIsNotFollowed() {
        String id = create("/redirect", List.of("account.created")).json().path("id").asString();
        full().post("/webhooks/" + id + "/test", null);
        eventually("a failed attempt", () -> full().get("/webhooks/" + id + "/deliveries").json().path("data").path(0)
                .path("attempts").asInt() >= 1);
        var delivery = full().get("/webhooks/" + id + "/deliveries").json().path("data").path(0);
        assertThat(delivery.path("last_status_code").asInt()).isEqualTo(302);
        assertThat(delivery.path("last_error").asString()).contains("redirect not followed");
        assertThat(delivery.path("status").asString()).isEqualTo("pending");
        assertThat(receiver.received("/redirected")).isEmpty();
    }

    @Test
    void deliveriesPastTheMaximumAgeFailAndAnEndpointFailingForDaysIsDisabledWithTheReason() {
        receiver.down();
        String id = create("/down", List.of("account.created")).json().path("id").asString();
        worker.stop();
        full().post("/webhooks/" + id + "/test", null);
        jdbc.sql("update webhook_delivery set created_at = now() - interval '25 hours'").update();
        jdbc.sql("update webhook set failing_since = now() - interval '6 days' where id = :id").param("id", UUID.fromString(id)).update();
        assertThat(worker.deliverDue()).isEqualTo(1);
        var delivery = full().get("/webhooks/" + id + "/deliveries").json().path("data").path(0);
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        assertThat(delivery.path("last_status_code").asInt()).isEqualTo(503);
        assertThat(delivery.path("next_attempt_at").isNull()).isTrue();
        Api.Response webhook = full().get("/webhooks/" + id);
        assertThat(webhook.json().path("enabled").asBoolean()).isFalse();
        assertThat(webhook.json().path("disabled_reason").asString()).contains("failed").contains("HTTP 503");

        // disabled: a new delivery waits; enabled again (receiver fixed), it goes out and the reason is gone
        receiver.up();
        full().post("/webhooks/" + id + "/test", null);
        assertThat(worker.deliverDue()).isZero();
        Api.Response enabled = full().patch("/webhooks/" + id, Map.of("enabled", true));
        assertThat(enabled.json().path("disabled_reason").isNull()).isTrue();
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aPrivateTargetIsRefusedAtDeliveryWhenTheFlagIsOff() {
        String id = create("/private", List.of("account.created")).json().path("id").asString();
        worker.stop();
        full().post("/webhooks/" + id + "/test", null);
        // stored while the name resolved elsewhere (or by an operator who allowed it then): checked again at delivery
        jdbc.sql("update webhook set url = :url where id = :id")
                .param("url", receiver.url("/private").replace("http:", "https:")).param("id", UUID.fromString(id)).update();
        WebhookProperties strict = new WebhookProperties(false, new WebhookProperties.Retry(Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofHours(24)), Duration.ofMillis(100), 16, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofDays(5), Duration.ofHours(24), 50, Duration.ofDays(30));
        DeliveryWorker strictWorker = new DeliveryWorker(jdbc, transactions, webhookService, new TargetGuard(strict), strict,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThat(strictWorker.deliverDue()).isEqualTo(1);
        var delivery = full().get("/webhooks/" + id + "/deliveries").json().path("data").path(0);
        assertThat(delivery.path("last_error").asString()).contains("target refused").contains("127.0.0.1");
        assertThat(receiver.received()).isEmpty();
        // the same delivery, over http with the operator's flag on, goes out: the refusal above came from the guard
        jdbc.sql("update webhook set url = :url where id = :id")
                .param("url", receiver.url("/private")).param("id", UUID.fromString(id)).update();
        jdbc.sql("update webhook_delivery set next_attempt_at = now()").update();
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void oldFinishedEventsAreDeletedButPendingOnesKept() {
        String id = create("/old", List.of("account.created")).json().path("id").asString();
        full().post("/webhooks/" + id + "/test", null);
        eventually("the ping", () -> receiver.received().size() == 1);
        worker.stop();
        full().post("/webhooks/" + id + "/test", null); // stays pending: the worker is stopped
        jdbc.sql("update account_event set created_at = now() - interval '31 days'").update();
        worker.deleteOldEvents();
        assertThat(jdbc.sql("select count(*) from account_event").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from webhook_delivery").query(String.class).list()).containsExactly("pending");
    }

    @Test
    void withoutTheFlagAPrivateOrLoopbackUrlIsA400ThatSaysWhy() {
        WebhookProperties strict = new WebhookProperties(false, new WebhookProperties.Retry(Duration.ofSeconds(5),
                Duration.ofHours(1), Duration.ofHours(24)), Duration.ofSeconds(1), 16, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofDays(5), Duration.ofHours(24), 50, Duration.ofDays(30));
        WebhookService strictService = new WebhookService(repository, cipher, new TargetGuard(strict), events,
                transactions, strict);
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/",
                "https://10.0.0.1/", receiver.url("/plain-http"))) {
            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    dev.connector.sonarcloud.web.ApiException.class,
                    () -> strictService.create("project-a", new WebhookService.Request(url, List.of("account.created"), null, null)));
            assertThat(refused).as(url).isNotNull();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errors().getFirst().field()).isEqualTo("url");
            assertThat(refused.errors().getFirst().message()).containsAnyOf("private, loopback", "must use https");
        }
        assertThat(jdbc.sql("select count(*) from webhook").query(Integer.class).single()).isZero();
    }

    @Autowired
    WebhookRepository repository;
    @Autowired
    dev.connector.sonarcloud.credential.CredentialCipher cipher;
    @Autowired
    dev.connector.sonarcloud.event.AccountEvents events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    WebhookService webhookService;

    @Test
    void metricsCountDeliveriesAndShowTheQueue() throws Exception {
        String id = create("/m", List.of("account.created")).json().path("id").asString();
        full().post("/webhooks/" + id + "/test", null);
        eventually("the ping", () -> receiver.received().size() == 1);
        Thread.sleep(5200); // gauges refresh every 5 s
        String metrics = api().get("/actuator/prometheus").text();
        assertThat(metrics).contains("connector_webhooks_deliveries_total{application=\"sonarcloud-connector\",outcome=\"succeeded\"}");
        assertThat(metrics).contains("connector_webhooks_queue_depth").contains("connector_webhooks_oldest_pending_age_seconds");
        assertThat(metrics).doesNotContain("whsec_");
    }
}
