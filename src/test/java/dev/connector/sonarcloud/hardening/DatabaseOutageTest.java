package dev.connector.sonarcloud.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A PostgreSQL outage: this context reaches the shared test database through a {@link TcpProxy} that the tests cut
 * (every pooled connection dropped, new ones refused) and restore.
 */
class DatabaseOutageTest extends IntegrationTest {

    private static final TcpProxy PROXY;

    static {
        try {
            URI db = URI.create(TestDatabase.get().url().substring("jdbc:".length()));
            PROXY = new TcpProxy(db.getHost(), db.getPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void throughProxy(DynamicPropertyRegistry registry) {
        String url = TestDatabase.get().url();
        URI db = URI.create(url.substring("jdbc:".length()));
        // spring.datasource.url is the shared database (set by IntegrationTest); Hikari's own jdbc-url is bound last and wins
        registry.add("spring.datasource.hikari.jdbc-url", () -> url.replaceFirst(":" + db.getPort() + "/", ":" + PROXY.port() + "/"));
    }

    @AfterEach
    void restore() {
        PROXY.restore();
    }

    @Test
    void h2_readinessAndHealthAnswer503WhileTheDatabaseIsDown() throws Exception {
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        PROXY.cut();
        Api.Response readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(api().get("/actuator/health").status()).isEqualTo(503);
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        PROXY.restore();
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        int status = 0;
        while (Instant.now().isBefore(until) && status != 200) {
            status = api().get("/actuator/health/readiness").status();
            Thread.sleep(200);
        }
        assertThat(status).as("ready again once the database is back").isEqualTo(200);
    }

    @Test
    void m6_connectWithAnApiKeyDuringAnOutageAnswers503DatabaseUnavailable() {
        PROXY.cut();
        Api.Response response = full().post("/connect", Map.of(
                "personal_access_token", SimulatorDefaults.EU_TOKEN, "organization_key", SimulatorDefaults.EU_ORG,
                "origin_owner_id", "outage-owner", "origin_owner_name", "Outage"));
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().path("code").asString()).isEqualTo("database_unavailable");
        assertThat(response.header("Retry-After")).isNotNull();
    }
}
