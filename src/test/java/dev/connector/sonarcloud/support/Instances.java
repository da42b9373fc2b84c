package dev.connector.sonarcloud.support;

import dev.connector.sonarcloud.ConnectorApplication;
import dev.connector.sonarcloud.sim.SonarCloudSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * More copies of the service in the test JVM: each a separate Spring application context with its own web server,
 * pools, caches and schedulers, all on the one test PostgreSQL and the same simulated SonarQube Cloud, like replicas
 * behind a load balancer.
 */
public final class Instances implements AutoCloseable {

    public record Instance(String name, ConfigurableApplicationContext context) {

        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public Api api() {
            return new Api("http://127.0.0.1:" + port(), Map.of());
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }
    }

    private final List<Instance> instances = new ArrayList<>();

    private Instances() {
    }

    /** Starts {@code names.length} instances with the integration tests' settings plus {@code settings}. */
    public static Instances start(SonarCloudSimulator eu, SonarCloudSimulator us, String keyset,
                                  Map<String, String> settings, String... names) {
        Instances started = new Instances();
        try {
            for (String name : names) {
                started.instances.add(new Instance(name, new SpringApplicationBuilder(ConnectorApplication.class)
                        .run(arguments(eu, us, keyset, settings))));
            }
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    public Instance get(int index) {
        return instances.get(index);
    }

    public List<Instance> all() {
        return List.copyOf(instances);
    }

    @Override
    public void close() {
        instances.forEach(i -> i.context().close());
    }

    private static String[] arguments(SonarCloudSimulator eu, SonarCloudSimulator us, String keyset,
                                      Map<String, String> settings) {
        TestDatabase.Connection db = TestDatabase.get();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.datasource.url", db.url());
        all.put("spring.datasource.username", db.username());
        all.put("spring.datasource.password", db.password());
        all.put("spring.datasource.hikari.maximum-pool-size", "5");
        all.put("connector.regions.eu.base-url", eu.baseUrl());
        all.put("connector.regions.eu.api-url", eu.apiUrl());
        all.put("connector.regions.us.base-url", us.baseUrl());
        all.put("connector.regions.us.api-url", us.apiUrl());
        all.put("connector.keyset", keyset);
        all.put("connector.api-keys[0].project", "project-a");
        all.put("connector.api-keys[0].key-sha256", TestKeys.sha256(TestKeys.FULL));
        all.put("connector.api-keys[0].scopes", TestKeys.ALL_SCOPES);
        all.put("connector.upstream.read-timeout", "2s");
        all.put("connector.upstream.deadline", "5s");
        all.put("connector.upstream.backoff-initial", "10ms");
        all.put("connector.upstream.backoff-max", "50ms");
        all.put("connector.shutdown.readiness-delay", "0s");
        all.putAll(settings);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
