package dev.connector.sonarcloud.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.TokenExpiryWarnings;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.Instances;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account events end to end: real PostgreSQL, the real service (and, where said, a second instance of it on the same
 * database), a real HTTP receiver on a loopback port, and every signature checked with the Standard Webhooks
 * reference verifier (com.standardwebhooks:standardwebhooks).
 */
class WebhookDeliveryTest extends IntegrationTest {

    private static final List<String> ALL_EVENTS = List.of("account.created", "account.updated", "account.deleted",
            "account.error", "account.expired", "account.token_expiring");

    @Autowired
    TokenExpiryWarnings expiryWarnings;
    @Autowired
    AccountService accounts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DeliveryWorker worker;

    private Receiver receiver;
    private static Instances secondInstance;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        worker.start();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
            secondInstance = null;
        }
    }

    private Api webhooks() {
        return full();
    }

    /** Creates a subscription; answers {id, secret}. */
    private Map<String, String> subscribe(String path, List<String> events) {
        Api.Response created = webhooks().post("/webhooks", Map.of("url", receiver.url(path), "events", events,
                "description", "test receiver"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return Map.of("id", created.json().path("id").asString(), "secret", created.json().path("secret").asString());
    }

    private static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void verify(String secret, Receiver.Received r) {
        try {
            new Webhook(secret).verify(r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError("signature of " + r.id() + " not accepted: " + e, e);
        }
    }

    private int pendingDeliveries() {
        return jdbc.sql("select count(*) from webhook_delivery where status = 'pending'").query(Integer.class).single();
    }

    @Test
    void everyEventTypeIsDeliveredOnceInOrderWithAValidStandardWebhooksSignature() {
        Map<String, String> hook = subscribe("/events", ALL_EVENTS);
        String id = linkEuAccount();                                                           // account.created
        assertThat(full().patch("/accounts/" + id, Map.of("label", "renamed")).status()).isEqualTo(200); // account.updated
        Instant now = Instant.now();
        jdbc.sql("update linked_account set token_last_used_at = :t where id = :id")
                .param("t", java.sql.Timestamp.from(now.minus(55, ChronoUnit.DAYS))).param("id", UUID.fromString(id)).update();
        assertThat(expiryWarnings.scan(now)).isEqualTo(1);                                     // account.token_expiring
        EU.answer("GET", "/api/authentication/validate", 200, "{\"valid\":false}");
        assertThat(full().post("/accounts/" + id + "/revalidate", null).json().path("status").asString())
                .isEqualTo("error");                                                           // account.error
        jdbc.sql("update linked_account set token_last_used_at = :t where id = :id")
                .param("t", java.sql.Timestamp.from(now.minus(61, ChronoUnit.DAYS))).param("id", UUID.fromString(id)).update();
        assertThat(full().post("/accounts/" + id + "/revalidate", null).json().path("status").asString())
                .isEqualTo("expired");                                                         // account.expired
        EU.reset();
        assertThat(full().delete("/accounts/" + id).status()).isIn(200, 204);                  // account.deleted

        eventually(Duration.ofSeconds(20), "six deliveries", () -> receiver.received().size() >= 6);
        List<Receiver.Received> got = receiver.received("/events");
        assertThat(got).extracting(Receiver.Received::type).containsExactly("account.created", "account.updated",
                "account.token_expiring", "account.error", "account.expired", "account.deleted");
        assertThat(got).extracting(Receiver.Received::id).doesNotHaveDuplicates();
        got.forEach(r -> verify(hook.get("secret"), r));
        got.forEach(r -> {
            assertThat(r.accountId()).isEqualTo(id);
            assertThat(r.json().path("id").asString()).isEqualTo(r.id());
            assertThat(r.body()).doesNotContain(SimulatorDefaults.EU_TOKEN).doesNotContain("ciphertext");
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        });
        assertThat(got.get(1).json().path("data").path("label").asString()).isEqualTo("renamed");
        assertThat(got.get(3).json().path("data").path("status_reasons").path(0).path("code").asString()).isEqualTo("token_rejected");
        assertThat(got.get(4).json().path("data").path("status").asString()).isEqualTo("expired");
        // a tampered body is refused by the same verifier (the check above can fail)
        Receiver.Received first = got.getFirst();
        Receiver.Received tampered = new Receiver.Received(first.path(), first.headers(), first.body().replace("sonarcloud", "x"));
        assertThat(catchVerify(hook.get("secret"), tampered)).isNotNull();

        Api.Response log = webhooks().get("/webhooks/" + hook.get("id") + "/deliveries");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().path("data").size()).isEqualTo(6);
        assertThat(log.json().path("data").path(0).path("status").asString()).isEqualTo("succeeded");
        assertThat(log.json().path("data").path(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(log.json().path("data").path(0).path("event_type").asString()).isEqualTo("account.deleted");
    }

    private static Exception catchVerify(String secret, Receiver.Received r) {
        try {
            new Webhook(secret).verify(r.body(), r.headers());
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void onlySubscribedTypesOfTheOwnProjectAreSent() {
        subscribe("/created-only", List.of("account.created"));
        Api.Response other = api().as(TestKeys.OTHER_PROJECT).post("/webhooks",
                Map.of("url", receiver.url("/other-project"), "events", ALL_EVENTS));
        assertThat(other.status()).isEqualTo(201);
        String id = linkEuAccount();
        full().patch("/accounts/" + id, Map.of("label", "x"));
        eventually(Duration.ofSeconds(10), "the created event", () -> receiver.received("/created-only").size() == 1);
        eventually(Duration.ofSeconds(5), "an empty queue", () -> pendingDeliveries() == 0);
        assertThat(receiver.received("/created-only")).extracting(Receiver.Received::type).containsExactly("account.created");
        assertThat(receiver.received("/other-project")).isEmpty();
    }

    @Test
    void aRolledBackChangeEmitsNothing() {
        subscribe("/events", ALL_EVENTS);
        String id = linkEuAccount();
        eventually(Duration.ofSeconds(10), "the created event", () -> receiver.received().size() == 1);
        transactions.executeWithoutResult(status -> {
            accounts.updateDetails("project-a", UUID.fromString(id), "never committed", null);
            status.setRollbackOnly();
        });
        assertThat(full().get("/accounts/" + id).json().path("label").isNull()).isTrue();
        assertThat(jdbc.sql("select count(*) from account_event where account_id = :id").param("id", UUID.fromString(id))
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from webhook_delivery").query(Integer.class).single()).isEqualTo(1);
        // the same change committed does emit: the check above is not vacuous
        accounts.updateDetails("project-a", UUID.fromString(id), "committed", null);
        eventually(Duration.ofSeconds(10), "the updated event", () -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(Receiver.Received::type).containsExactly("account.created", "account.updated");
    }

    @Test
    void tokenExpiringIsSentOnceForAnAccount55DaysUnused() throws Exception {
        subscribe("/expiring", List.of("account.token_expiring"));
        String id = linkEuAccount();
        String fresh = link(SimulatorDefaults.US_TOKEN, SimulatorDefaults.US_ORG, "us", "owner-fresh");
        Instant now = Instant.now();
        Instant lastUse = now.minus(55, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("update linked_account set token_last_used_at = :t where id = :id")
                .param("t", java.sql.Timestamp.from(lastUse)).param("id", UUID.fromString(id)).update();
        assertThat(expiryWarnings.scan(now.minus(3, ChronoUnit.DAYS))).as("8 days before expiry: too early").isZero();
        // several instances scanning at once: still one warning
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> scans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scans.add(() -> expiryWarnings.scan(now));
        }
        int sent = 0;
        for (Future<Integer> f : pool.invokeAll(scans)) {
            sent += f.get();
        }
        pool.shutdown();
        assertThat(sent).isEqualTo(1);
        assertThat(expiryWarnings.scan(now.plus(1, ChronoUnit.DAYS))).as("next day: same window").isZero();
        assertThat(expiryWarnings.scan(now.plus(4, ChronoUnit.DAYS))).as("day 59: same window").isZero();
        eventually(Duration.ofSeconds(10), "the warning", () -> receiver.received().size() == 1);
        Receiver.Received warning = receiver.received().getFirst();
        assertThat(warning.type()).isEqualTo("account.token_expiring");
        assertThat(warning.accountId()).isEqualTo(id).isNotEqualTo(fresh);
        assertThat(Instant.parse(warning.json().path("data").path("token_expires_at").asString()))
                .isEqualTo(lastUse.plus(60, ChronoUnit.DAYS));
        // a new use opens a new expiry window, which is warned about again when it nears its end
        Instant laterUse = now.minus(50, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("update linked_account set token_last_used_at = :t where id = :id")
                .param("t", java.sql.Timestamp.from(laterUse)).param("id", UUID.fromString(id)).update();
        assertThat(expiryWarnings.scan(now)).isZero();
        assertThat(expiryWarnings.scan(now.plus(5, ChronoUnit.DAYS))).isEqualTo(1);
        Thread.sleep(500);
        eventually(Duration.ofSeconds(10), "the second window's warning", () -> receiver.received().size() == 2);
    }

    @Test
    void aReceiverThatWasDownGetsEverythingInOrderPerAccountAcrossARestart() throws Exception {
        Map<String, String> hook = subscribe("/events", ALL_EVENTS);
        receiver.down();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = link(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG, "eu", "owner-" + i);
            ids.add(id);
            for (int j = 0; j < 3; j++) {
                full().patch("/accounts/" + id, Map.of("label", "label " + j));
            }
        }
        int events = 12;
        eventually(Duration.ofSeconds(15), "retries while the receiver is down", () -> jdbc.sql(
                "select count(*) from webhook_delivery where attempts >= 2 and status = 'pending'").query(Integer.class).single() >= 3);
        assertThat(receiver.received()).isEmpty();
        // the service goes away: this instance's worker stops; a freshly started instance takes over from the database
        worker.stop();
        try (Instances restarted = startInstance("restarted")) {
            receiver.up();
            eventually(Duration.ofSeconds(30), "all deliveries after the receiver returns",
                    () -> receiver.received().size() >= events && pendingDeliveries() == 0);
        }
        List<Receiver.Received> got = receiver.received();
        assertThat(got).hasSize(events);
        assertThat(got).extracting(Receiver.Received::id).doesNotHaveDuplicates();
        got.forEach(r -> verify(hook.get("secret"), r));
        Map<String, List<String>> perAccount = got.stream().collect(Collectors.groupingBy(Receiver.Received::accountId,
                LinkedHashMap::new, Collectors.mapping(r -> r.type() + "/" + r.json().path("data").path("label").asString(""),
                        Collectors.toList())));
        assertThat(perAccount.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        perAccount.values().forEach(sequence -> assertThat(sequence).containsExactly(
                "account.created/", "account.updated/label 0", "account.updated/label 1", "account.updated/label 2"));
        Api.Response log = webhooks().get("/webhooks/" + hook.get("id") + "/deliveries?status=succeeded&page_size=5");
        assertThat(log.json().path("data").size()).isEqualTo(5);
        assertThat(jdbc.sql("select sum(attempts) from webhook_delivery").query(Integer.class).single())
                .as("attempts while the receiver was down").isGreaterThan(events);
        String next = log.json().path("next").asString();
        Api.Response page2 = webhooks().get("/webhooks/" + hook.get("id") + "/deliveries?status=succeeded&page_size=5&next=" + next);
        Api.Response page3 = webhooks().get("/webhooks/" + hook.get("id") + "/deliveries?status=succeeded&page_size=5&next="
                + page2.json().path("next").asString());
        assertThat(page2.json().path("data").size() + page3.json().path("data").size()).isEqualTo(7);
        assertThat(page3.json().path("next").isNull()).isTrue();
    }

    @Test
    void twoInstancesOnOneDatabaseDeliverEachEventOnce() {
        Map<String, String> hook = subscribe("/events", ALL_EVENTS);
        // each round outlasts the 100 ms poll interval, so the other instance always polls while one sends (with
        // 30 ms a fast instance could claim every delivery between the other's polls: "took part" failed once)
        receiver.slow(Duration.ofMillis(200));
        if (secondInstance == null) {
            secondInstance = startInstance("second");
        }
        Api second = secondInstance.get(0).api().as(TestKeys.FULL);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = link(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG, "eu", "owner-" + i);
            ids.add(id);
            for (int j = 0; j < 4; j++) {
                Api instance = j % 2 == 0 ? full() : second;
                assertThat(instance.patch("/accounts/" + id, Map.of("label", "label " + j)).status()).isEqualTo(200);
            }
        }
        int events = 8 * 5;
        eventually(Duration.ofSeconds(30), "all deliveries", () -> receiver.received().size() >= events && pendingDeliveries() == 0);
        List<Receiver.Received> got = receiver.received();
        assertThat(got).hasSize(events);
        assertThat(got).extracting(Receiver.Received::id).doesNotHaveDuplicates();
        got.forEach(r -> verify(hook.get("secret"), r));
        Map<String, List<String>> perAccount = got.stream().collect(Collectors.groupingBy(Receiver.Received::accountId,
                Collectors.mapping(r -> r.json().path("data").path("label").asString(""), Collectors.toList())));
        perAccount.values().forEach(labels -> assertThat(labels).containsExactly("", "label 0", "label 1", "label 2", "label 3"));
        double mine = meters.get("connector.webhooks.deliveries").tag("outcome", "succeeded").counter().count();
        double theirs = secondInstance.get(0).bean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("connector.webhooks.deliveries").tag("outcome", "succeeded").counter().count();
        System.out.printf("deliveries sent by this instance: %.0f, by the second: %.0f%n", mine, theirs);
        assertThat(theirs).as("the second instance took part").isPositive();
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** Another instance of the service on the same database (and this test's webhook settings). */
    private static Instances startInstance(String name) {
        return Instances.start(EU, US, KEYSET, Map.of(
                "connector.upstream.account-requests-per-minute", "100000",
                "connector.connect.project-requests-per-minute", "100000",
                "connector.webhooks.allow-private-targets", "true",
                "connector.webhooks.poll-interval", "100ms",
                "connector.webhooks.retry.initial-delay", "200ms",
                "connector.webhooks.retry.max-delay", "1s"), name);
    }
}
