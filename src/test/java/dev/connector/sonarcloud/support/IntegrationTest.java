package dev.connector.sonarcloud.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.sim.SonarCloudSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The base of every integration test: the real service on a random port, a real PostgreSQL (one per run, cleaned
 * between tests), and one simulated SonarQube Cloud per region. All subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "connector.upstream.read-timeout=2s",
        "connector.upstream.deadline=5s",
        "connector.upstream.backoff-initial=10ms",
        "connector.upstream.backoff-max=50ms",
        "connector.upstream.retry-after-max=2s",
        "connector.upstream.account-requests-per-minute=100000",
        "connector.connect.project-requests-per-minute=100000",
        "connector.hub.allowed-origins=https://hub.example.com",
        "connector.mcp.allowed-origins=https://agent.example.com",
        "connector.shutdown.readiness-delay=0s",
        // rate-limit buckets sync with the database after half of 1% of the limit or a minute: a test can count the syncs
        "connector.rate-limits.sync-interval=60s",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=5",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=10",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
        "connector.webhooks.allow-private-targets=true",
        "connector.webhooks.poll-interval=100ms",
        "connector.webhooks.retry.initial-delay=200ms",
        "connector.webhooks.retry.max-delay=1s",
        "connector.webhooks.response-timeout=3s",
})
public abstract class IntegrationTest {

    protected static final SonarCloudSimulator EU;
    protected static final SonarCloudSimulator US;
    protected static final String KEYSET = TestKeys.newKeyset();

    static {
        EU = SonarCloudSimulator.start("eu");
        US = SonarCloudSimulator.start("us");
        SimulatorDefaults.apply(EU, US);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("connector.regions.eu.base-url", EU::baseUrl);
        registry.add("connector.regions.eu.api-url", EU::apiUrl);
        registry.add("connector.regions.us.base-url", US::baseUrl);
        registry.add("connector.regions.us.api-url", US::apiUrl);
        registry.add("connector.keyset", () -> KEYSET);
        apiKey(registry, 0, "project-a", TestKeys.FULL, TestKeys.ALL_SCOPES);
        apiKey(registry, 1, "project-b", TestKeys.OTHER_PROJECT, TestKeys.ALL_SCOPES);
        apiKey(registry, 2, "project-a", TestKeys.READ_ONLY, "actions:read,accounts");
        apiKey(registry, 3, "project-a", TestKeys.NO_SCOPE, "");
        apiKey(registry, 4, "project-a", TestKeys.CONNECT_ONLY, "connect");
    }

    private static void apiKey(DynamicPropertyRegistry registry, int index, String project, String key, String scopes) {
        registry.add("connector.api-keys[" + index + "].project", () -> project);
        registry.add("connector.api-keys[" + index + "].key-sha256", () -> TestKeys.sha256(key));
        registry.add("connector.api-keys[" + index + "].scopes", () -> scopes);
    }

    @Autowired
    protected io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

    @BeforeEach
    void cleanSlate() {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("truncate linked_account, connect_session, account_event, webhook, webhook_delivery, token_expiry_notice, rate_limit_bucket").update();
                break;
            } catch (PessimisticLockingFailureException e) {
                // the webhook worker's poll (every 100 ms here) reads these tables in another order: PostgreSQL may
                // pick the truncate as a deadlock victim; the truncate is safe to run again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        breakers.getAllCircuitBreakers().forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
        EU.reset();
        US.reset();
    }

    protected Api api() {
        return new Api("http://127.0.0.1:" + port, Map.of());
    }

    /** Project A's key with every scope. */
    protected Api full() {
        return api().as(TestKeys.FULL);
    }

    /** Links the default EU account (token of "jdoe", organization "my-org") and answers its id. */
    protected String linkEuAccount() {
        return link(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG, "eu", "owner-1");
    }

    protected String linkUsAccount() {
        return link(SimulatorDefaults.US_TOKEN, SimulatorDefaults.US_ORG, "us", "owner-us");
    }

    /**
     * Every item of a list action for this account, following {@code next} to the end; each cursor goes to
     * {@code cursorCheck} first. Fails when the walk needs more than {@code maxPages} pages.
     */
    protected List<JsonNode> walk(String accountId, String firstPage, int maxPages, Consumer<String> cursorCheck) {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPage;
        String separator = firstPage.contains("?") ? "&" : "?";
        for (int pages = 0; pages < maxPages; pages++) {
            Api.Response response = full().account(accountId).get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.json().path("data").forEach(items::add);
            JsonNode next = response.json().path("next");
            if (next.isNull() || next.isMissingNode()) {
                return items;
            }
            cursorCheck.accept(next.asString());
            path = firstPage + separator + "next=" + URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no end after " + maxPages + " pages");
    }

    protected List<JsonNode> walk(String accountId, String firstPage, int maxPages) {
        return walk(accountId, firstPage, maxPages, cursor -> { });
    }

    /** The cursor with one (fully significant) base64url character changed. */
    protected static String alter(String cursor, int index) {
        char replacement = cursor.charAt(index) == 'A' ? 'B' : 'A';
        return cursor.substring(0, index) + replacement + cursor.substring(index + 1);
    }

    protected String link(String token, String organization, String region, String owner) {
        Api.Response response = full().post("/connect", Map.of(
                "personal_access_token", token, "organization_key", organization, "region", region,
                "origin_owner_id", owner, "origin_owner_name", "Owner " + owner));
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        EU.reset();
        US.reset();
        return response.json().path("id").asString();
    }
}
