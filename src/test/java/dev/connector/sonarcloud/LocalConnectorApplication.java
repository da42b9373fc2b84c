package dev.connector.sonarcloud;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.sim.SonarCloudSimulator;
import dev.connector.sonarcloud.support.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local development launcher ({@code ./mvnw spring-boot:test-run}): the real service, plus whatever is not
 * configured — an embedded PostgreSQL 17, a simulated SonarQube Cloud per region, a throwaway keyset and a
 * development API key — and a ready-to-paste curl. Never for production: the keyset dies with the process.
 */
public final class LocalConnectorApplication {

    static final String DEV_API_KEY = "dev-api-key-change-me";

    private LocalConnectorApplication() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> defaults = new HashMap<>();
        StringBuilder notes = new StringBuilder();
        if (System.getenv("SPRING_DATASOURCE_URL") == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception e) {
                    // ending anyway
                }
            }));
            defaults.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            defaults.put("spring.datasource.username", "postgres");
            defaults.put("spring.datasource.password", "postgres");
            notes.append("  database: embedded PostgreSQL 17 (data is gone when this stops)\n");
        }
        if (System.getenv("CONNECTOR_REGIONS_EU_BASE_URL") == null) {
            SonarCloudSimulator eu = SonarCloudSimulator.startWithoutJournal("eu", 0);
            SonarCloudSimulator us = SonarCloudSimulator.startWithoutJournal("us", 0);
            SimulatorDefaults.apply(eu, us);
            defaults.put("connector.regions.eu.base-url", eu.baseUrl());
            defaults.put("connector.regions.eu.api-url", eu.apiUrl());
            defaults.put("connector.regions.us.base-url", us.baseUrl());
            defaults.put("connector.regions.us.api-url", us.apiUrl());
            notes.append("  SonarQube Cloud: simulated, EU ").append(eu.baseUrl()).append(", US ").append(us.baseUrl())
                    .append("\n    EU token ").append(SimulatorDefaults.EU_TOKEN).append(" (organization ")
                    .append(SimulatorDefaults.EU_ORG).append("), US token ").append(SimulatorDefaults.US_TOKEN)
                    .append(" (organization ").append(SimulatorDefaults.US_ORG).append(")\n");
        }
        if (System.getenv("CONNECTOR_KEYSET") == null && System.getenv("CONNECTOR_KEYSET_FILE") == null) {
            defaults.put("connector.keyset", TestKeys.newKeyset());
            notes.append("  WARNING: throwaway credential keyset generated for this run; set CONNECTOR_KEYSET in real deployments\n");
        }
        boolean devKey = System.getenv("CONNECTOR_API_KEYS_0_KEY_SHA256") == null;
        if (devKey) {
            defaults.put("connector.api-keys[0].project", "dev");
            defaults.put("connector.api-keys[0].key-sha256", TestKeys.sha256(DEV_API_KEY));
            defaults.put("connector.api-keys[0].scopes", TestKeys.ALL_SCOPES);
            notes.append("  development API key: ").append(DEV_API_KEY).append(" (project 'dev', every scope)\n");
        }
        defaults.put("connector.hub.allowed-origins", "http://localhost:3000");

        // system properties outrank application.yml (default properties would not), and stay below the command line
        defaults.forEach((key, value) -> System.setProperty(key, value.toString()));
        ConfigurableApplicationContext context = SpringApplication.run(ConnectorApplication.class, args);
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        String base = "http://localhost:" + port;
        String key = devKey ? DEV_API_KEY : "<your-api-key>";
        System.out.println("""

                SonarQube Cloud connector (local launcher) is ready on %s
                %s
                Try it:
                  curl -s %s/actuator/health
                  curl -s -u %s: %s/connect -H 'Content-Type: application/json' \\
                    -d '{"personal_access_token":"%s","organization_key":"%s","origin_owner_id":"me","origin_owner_name":"Me"}'
                  curl -s -u %s: %s/accounts
                  curl -s -u %s: -H "x-account-id: <id from /connect>" '%s/actions/issues?page_size=5'
                """.formatted(base, notes, base, key, base, SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG,
                key, base, key, base));
    }
}
