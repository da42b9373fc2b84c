package dev.connector.sonarcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local launcher as a newcomer runs it ({@code ./mvnw spring-boot:test-run} starts this same main class), in
 * its own JVM: the environment's Hub origins win, the printed curls work as pasted (a real account id), logs are
 * plain text, management can sit on its own port, and a failed start-up ends the process with a non-zero status.
 */
class LocalLauncherTest {

    /** Generous for a loaded 2-core machine; on an idle one start-up takes about 10 s. */
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Launch(Process process, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }
    }

    private static Launch launch(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), LocalConnectorApplication.class.getName())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECTOR_") || name.startsWith("SPRING_")
                || name.startsWith("SERVER_") || name.startsWith("MANAGEMENT_") || name.startsWith("LOGGING_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException e) {
                // the process ended
            }
        });
        return new Launch(process, lines);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void honoursTheEnvironmentAndPrintsCurlsThatWorkAsPasted() throws Exception {
        int port = freePort();
        int managementPort = freePort();
        String pageOrigin = "http://127.0.0.1:5173";
        Launch launch = launch(Map.of("SERVER_PORT", Integer.toString(port),
                "MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
                "CONNECTOR_HUB_ALLOWED_ORIGINS", pageOrigin));
        try {
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            while (launch.lines().stream().noneMatch(line -> line.contains("/actions/issues?page_size=5"))) {
                assertThat(launch.process().isAlive()).as(launch.output()).isTrue();
                assertThat(System.nanoTime()).as("launcher not ready in time:\n" + launch.output()).isLessThan(deadline);
                Thread.sleep(200);
            }
            String output = launch.output();
            assertThat(output).doesNotContain("{\"@timestamp\"").contains("Started LocalConnectorApplication");
            assertThat(output).contains("Hub origins allowed (CORS): " + pageOrigin);

            // the third curl, as printed: a real account id, and it answers issues
            String issuesCurl = launch.lines().stream().filter(line -> line.contains("/actions/issues?page_size=5"))
                    .findFirst().orElseThrow();
            Matcher curl = Pattern.compile("-u '([^']+):' -H 'x-account-id: ([0-9a-f-]{36})' '([^']+)'").matcher(issuesCurl);
            assertThat(curl.find()).as(issuesCurl).isTrue();
            HttpResponse<String> issues = send(HttpRequest.newBuilder(URI.create(curl.group(3)))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((curl.group(1) + ":").getBytes(StandardCharsets.UTF_8)))
                    .header("x-account-id", curl.group(2)));
            assertThat(issues.statusCode()).as(issues.body()).isEqualTo(200);
            assertThat(issues.body()).contains("\"data\"");

            // the environment's origin is honoured, the launcher's default is not added to it
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect"))
                    .header("Origin", pageOrigin).header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(pageOrigin);
            HttpResponse<String> defaultOrigin = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect"))
                    .header("Origin", LocalConnectorApplication.DEV_HUB_ORIGIN).header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(defaultOrigin.statusCode()).isEqualTo(403);

            // management on its own port: nothing of it on the service's port
            assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")))
                    .statusCode()).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")))
                    .statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")))
                    .body()).contains("connector_credentials_old_key_rows");
            // L3 on the management port too: health details and info only for an admin key
            String management = "http://127.0.0.1:" + managementPort;
            assertThat(send(HttpRequest.newBuilder(URI.create(management + "/actuator/health"))).body())
                    .contains("\"status\"").doesNotContain("components");
            assertThat(send(HttpRequest.newBuilder(URI.create(management + "/actuator/info"))).statusCode()).isEqualTo(401);
            String admin = "Basic " + Base64.getEncoder().encodeToString((LocalConnectorApplication.DEV_API_KEY + ":")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(send(HttpRequest.newBuilder(URI.create(management + "/actuator/health")).header("Authorization", admin))
                    .body()).contains("components");
            assertThat(send(HttpRequest.newBuilder(URI.create(management + "/actuator/info")).header("Authorization", admin))
                    .statusCode()).isEqualTo(200);
        } finally {
            launch.process().destroy();
            if (!launch.process().waitFor(60, TimeUnit.SECONDS)) {
                launch.process().destroyForcibly();
            }
        }
    }

    @Test
    void aBusyPortEndsTheLauncherWithinSecondsWithANonZeroStatus() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            String failure = "Port " + busy.getLocalPort() + " was already in use";
            Launch launch = launch(Map.of("SERVER_PORT", Integer.toString(busy.getLocalPort())));
            try {
                long deadline = System.nanoTime() + START_LIMIT.toNanos();
                while (launch.process().isAlive() && launch.lines().stream().noneMatch(line -> line.contains(failure))) {
                    assertThat(System.nanoTime()).as("no start-up failure reported:\n" + launch.output()).isLessThan(deadline);
                    Thread.sleep(100);
                }
                long failedAt = System.nanoTime();
                // the embedded database and the simulators' threads used to keep the JVM alive forever
                assertThat(launch.process().waitFor(30, TimeUnit.SECONDS))
                        .as("the launcher still runs after a failed start-up:\n" + launch.output()).isTrue();
                assertThat(launch.process().exitValue()).isEqualTo(1);
                Thread.sleep(200); // the reader drains the last lines
                assertThat(launch.output()).contains(failure).contains("The local launcher could not start")
                        .doesNotContain("{\"@timestamp\"");
                System.out.printf("launcher ended %d ms after reporting the busy port%n",
                        Duration.ofNanos(System.nanoTime() - failedAt).toMillis());
            } finally {
                launch.process().destroyForcibly();
            }
        }
    }
}
