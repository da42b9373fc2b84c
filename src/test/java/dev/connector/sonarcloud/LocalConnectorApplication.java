package dev.connector.sonarcloud;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.sim.SonarCloudSimulator;
import dev.connector.sonarcloud.support.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local development launcher ({@code ./mvnw spring-boot:test-run}): the real service, plus whatever is not
 * configured — an embedded PostgreSQL 17, a simulated SonarQube Cloud per region, a throwaway keyset and a
 * development API key — an account linked at start-up and ready-to-paste curls. Logs are plain text here (the jar
 * logs JSON). When start-up fails it stops everything it started and exits with status 1. Never for production:
 * the keyset dies with the process.
 */
public final class LocalConnectorApplication {

    static final String DEV_API_KEY = "dev-api-key-change-me";
    static final String DEV_HUB_ORIGIN = "http://localhost:3000";

    private LocalConnectorApplication() {
    }

    public static void main(String[] args) {
        try {
            start(args);
        } catch (Throwable e) {
            // Spring Boot has already logged why; the embedded database and the simulators' threads would keep
            // the JVM alive forever: System.exit runs the shutdown hooks that stop them
            System.err.println("The local launcher could not start: " + describe(e));
            System.exit(1);
        }
    }

    private static void start(String[] args) throws Exception {
        Map<String, Object> defaults = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        if (!configured("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logging.structured.format.console")) {
            defaults.put("logging.structured.format.console", ""); // plain text for a person at a terminal
        }
        if (!configured("SPRING_DATASOURCE_URL", "spring.datasource.url")) {
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
        boolean simulated = !configured("CONNECTOR_REGIONS_EU_BASE_URL", "connector.regions.eu.base-url");
        if (simulated) {
            SonarCloudSimulator eu = SonarCloudSimulator.startWithoutJournal("eu", 0);
            SonarCloudSimulator us = SonarCloudSimulator.startWithoutJournal("us", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                eu.close();
                us.close();
            }));
            SimulatorDefaults.apply(eu, us);
            defaults.put("connector.regions.eu.base-url", eu.baseUrl());
            defaults.put("connector.regions.eu.api-url", eu.apiUrl());
            defaults.put("connector.regions.us.base-url", us.baseUrl());
            defaults.put("connector.regions.us.api-url", us.apiUrl());
            notes.append("  SonarQube Cloud: simulated, EU ").append(eu.baseUrl()).append(", US ").append(us.baseUrl())
                    .append("\n    EU token ").append(SimulatorDefaults.EU_TOKEN).append(" (organization ")
                    .append(SimulatorDefaults.EU_ORG).append("), US token ").append(SimulatorDefaults.US_TOKEN)
                    .append(" (organization ").append(SimulatorDefaults.US_ORG).append(")")
                    .append("\n    it answers writes (transition, comment, tags...) but does not keep them\n");
        }
        if (!configured("CONNECTOR_KEYSET", "connector.keyset") && !configured("CONNECTOR_KEYSET_FILE", "connector.keyset-file")) {
            defaults.put("connector.keyset", TestKeys.newKeyset());
            notes.append("  WARNING: throwaway credential keyset generated for this run; set CONNECTOR_KEYSET in real deployments\n");
        }
        boolean devKey = !configured("CONNECTOR_API_KEYS_0_KEY_SHA256", "connector.api-keys[0].key-sha256");
        if (devKey) {
            defaults.put("connector.api-keys[0].project", "dev");
            defaults.put("connector.api-keys[0].key-sha256", TestKeys.sha256(DEV_API_KEY));
            defaults.put("connector.api-keys[0].scopes", TestKeys.ALL_SCOPES);
            notes.append("  development API key: ").append(DEV_API_KEY).append(" (project 'dev', every scope)\n");
        }
        if (!configured("CONNECTOR_HUB_ALLOWED_ORIGINS", "connector.hub.allowed-origins")) {
            defaults.put("connector.hub.allowed-origins", DEV_HUB_ORIGIN);
        }
        notes.append("  Hub origins allowed (CORS): ")
                .append(defaults.getOrDefault("connector.hub.allowed-origins", System.getenv("CONNECTOR_HUB_ALLOWED_ORIGINS")))
                .append('\n');
        if (!configured("CONNECTOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "connector.webhooks.allow-private-targets")) {
            defaults.put("connector.webhooks.allow-private-targets", "true");
            notes.append("  webhooks: http and local targets allowed (CONNECTOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)\n");
        }

        // system properties outrank application.yml (default properties would not) and stay below the command
        // line; each is set only when neither the environment nor a -D names it, so a variable always wins
        defaults.forEach((key, value) -> System.setProperty(key, value.toString()));
        ConfigurableApplicationContext context = SpringApplication.run(ConnectorApplication.class, args);
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        String base = "http://localhost:" + port;
        String key = devKey ? DEV_API_KEY : "<your-api-key>";
        String accountId = devKey && simulated ? linkSampleAccount(base) : "<id from /connect>";
        System.out.println("""

                SonarQube Cloud connector (local launcher) is ready on %s
                %s
                Try it:
                  curl -s '%s/actuator/health'
                  curl -s -u '%s:' '%s/connect' -H 'Content-Type: application/json' \\
                    -d '{"personal_access_token":"%s","organization_key":"%s","origin_owner_id":"me","origin_owner_name":"Me"}'
                  curl -s -u '%s:' '%s/accounts'
                  curl -s -u '%s:' -H 'x-account-id: %s' '%s/actions/issues?page_size=5'
                """.formatted(base, notes, base, key, base, SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG,
                key, base, key, accountId, base));
    }

    /** Links the simulator's EU account exactly as the printed /connect curl does, so the printed id is real. */
    private static String linkSampleAccount(String base) throws Exception {
        String body = """
                {"personal_access_token":"%s","organization_key":"%s","origin_owner_id":"me","origin_owner_name":"Me"}"""
                .formatted(SimulatorDefaults.EU_TOKEN, SimulatorDefaults.EU_ORG);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/connect"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((DEV_API_KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("linking the sample account answered " + response.statusCode());
            }
            return JsonMapper.builder().build().readTree(response.body()).path("id").asString();
        }
    }

    /** Whether the operator set this, as an environment variable or a -D system property. */
    private static boolean configured(String variable, String property) {
        return System.getenv(variable) != null || System.getProperty(property) != null;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
