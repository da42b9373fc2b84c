package dev.connector.sonarcloud.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.ConnectorApplication;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.sim.SonarCloudSimulator;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.TestDatabase;
import dev.connector.sonarcloud.support.TestKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * H4's memory bound, measured on the service alone: the service runs in its own JVM with {@code -Xmx256m} (and
 * exits on an OutOfMemoryError), with the production upstream settings (6 MB cap, 30 s deadline), against a
 * simulator in this JVM. Its live heap (used right after a full collection, forced over JMX every 100 ms) is sampled
 * while one project sends three 50 MB answers and ten gzip bombs (about 1 MB inflating to 1 GB) at once.
 */
class ServiceHeapTest {

    private static final String PROJECTS = "/api/components/search";
    private static final long MIB = 1024 * 1024;

    private static SonarCloudSimulator eu;
    private static SonarCloudSimulator us;
    private static Process service;
    private static Path log;
    private static String base;

    @BeforeAll
    static void startService() throws Exception {
        eu = SonarCloudSimulator.start("eu");
        us = SonarCloudSimulator.start("us");
        SimulatorDefaults.apply(eu, us);
        int port = freePort();
        int jmxPort = freePort();
        base = "http://127.0.0.1:" + port;
        TestDatabase.Connection db = TestDatabase.get();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", ownDatabase(db));
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put("connector.regions.eu.base-url", eu.baseUrl());
        properties.put("connector.regions.eu.api-url", eu.apiUrl());
        properties.put("connector.regions.us.base-url", us.baseUrl());
        properties.put("connector.regions.us.api-url", us.apiUrl());
        properties.put("connector.keyset", TestKeys.newKeyset());
        properties.put("connector.api-keys[0].project", "heap");
        properties.put("connector.api-keys[0].key-sha256", TestKeys.sha256(TestKeys.FULL));
        properties.put("connector.api-keys[0].scopes", TestKeys.ALL_SCOPES);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConnectorApplication.class.getName()));
        log = Files.createTempFile("service-heap", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTOR_") || name.startsWith("SPRING_")
                || name.startsWith("SERVER_") || name.startsWith("MANAGEMENT_") || name.startsWith("LOGGING_"));
        service = builder.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(service.isAlive()).as("the service ended:\n%s", tail()).isTrue();
            assertThat(System.nanoTime()).as("the service was not ready in time:\n%s", tail()).isLessThan(until);
            try {
                if (api().get("/actuator/health/readiness").status() == 200) {
                    break;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
        memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        heapPools = ManagementFactory.getPlatformMXBeans(jmx.getMBeanServerConnection(), MemoryPoolMXBean.class).stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private static JMXConnector jmx;
    private static MemoryMXBean memory;
    private static List<MemoryPoolMXBean> heapPools;

    /** A database of its own in the test PostgreSQL, so that nothing here meets the other tests' data. */
    private static String ownDatabase(TestDatabase.Connection db) throws Exception {
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists service_heap");
            statement.execute("create database service_heap");
        }
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        return "jdbc:" + new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), "/service_heap",
                uri.getQuery(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // the service is gone already (it exits on an OutOfMemoryError)
            }
        }
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        eu.close();
        us.close();
    }

    private static Api api() {
        return new Api(base, Map.of()).withoutContractCheck();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Live heap: what a full collection left. Not the heap's "used" read a moment after it: requests in flight allocate
     * meanwhile (megabytes per millisecond here), and on a loaded machine that moment grows, which once read 120 MiB of
     * such fresh garbage as growth in a full test run (4 MiB when the test ran alone).
     */
    private static long liveHeap() {
        memory.gc();
        return heapPools.stream().map(MemoryPoolMXBean::getCollectionUsage)
                .mapToLong(usage -> usage == null ? 0 : usage.getUsed()).sum();
    }

    @Test
    void h4_hugeBodiesAndGzipBombsKeepTheHeapGrowthOfA256MbServiceUnder100Mb() throws Exception {
        Api.Response linked = api().as(TestKeys.FULL).post("/connect", Map.of(
                "personal_access_token", SimulatorDefaults.EU_TOKEN, "organization_key", SimulatorDefaults.EU_ORG,
                "origin_owner_id", "heap-owner", "origin_owner_name", "Heap"));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        Api account = api().as(TestKeys.FULL).account(linked.json().path("id").asString());
        assertThat(account.get("/actions/projects").status()).isEqualTo(200); // warm: classes and pools loaded

        long baseline = liveHeap();
        long[] peak = {baseline};
        boolean[] running = {true};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running[0]) {
                peak[0] = Math.max(peak[0], liveHeap());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<Api.Response> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            eu.hugeBody(PROJECTS, "components", 50 << 20);
            List<CompletableFuture<Api.Response>> huge = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                huge.add(CompletableFuture.supplyAsync(() -> account.get("/actions/projects?page_size=1"), threads));
            }
            for (CompletableFuture<Api.Response> answer : huge) {
                answers.add(answer.get());
            }
            eu.reset();
            eu.gzipBomb(PROJECTS);
            List<CompletableFuture<Api.Response>> bombs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bombs.add(CompletableFuture.supplyAsync(() -> account.get("/actions/projects?page_size=1"), threads));
            }
            for (CompletableFuture<Api.Response> answer : bombs) {
                answers.add(answer.get());
            }
        } finally {
            running[0] = false;
            sampler.join();
        }
        long growthMiB = Math.max(0, peak[0] - baseline) / MIB;
        System.out.printf("H4 heap (-Xmx256m service): live baseline %d MiB, live peak %d MiB, growth %d MiB%n",
                baseline / MIB, peak[0] / MIB, growthMiB);
        assertThat(service.isAlive()).as("the service is still running:\n%s", tail()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
            assertThat(answer.json().path("code").asString()).isEqualTo("response_too_large");
        }
        assertThat(growthMiB).as("live heap growth (MiB) during three 50 MB answers and ten gzip bombs").isLessThan(100);
        eu.reset();
        assertThat(account.get("/actions/projects").status()).isEqualTo(200);
    }
}
