package dev.connector.sonarcloud.hardening;

import static dev.connector.sonarcloud.hardening.MalformedInputTest.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the servlet container answers on its own, authentication challenges, and the actuator's exposure. */
class ContainerAndAuthTest extends IntegrationTest {

    @Test
    void l1_containerLevelRejectionsAnswerProblemJson() {
        String big = "x".repeat(9 * 1024);
        assertContainerProblem(RawHttp.get(port, "/accounts", "X-Big: " + big));
        String[] many = new String[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-H" + i + ": v";
        }
        assertContainerProblem(RawHttp.get(port, "/accounts", many));
        assertContainerProblem(RawHttp.get(port, "/accounts%5C..%5Cx"));
        assertContainerProblem(RawHttp.get(port, "/accounts%00"));
        assertContainerProblem(RawHttp.get(port, "/accounts?q=" + "a".repeat(9 * 1024)));
        assertContainerProblem(RawHttp.send(port, ("POST /connect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 30_000));
        assertContainerProblem(RawHttp.send(port, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 30_000));
    }

    private static void assertContainerProblem(RawHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Apache Tomcat");
        assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
        assertThat(response.json().path("request_id").asString()).isNotBlank();
    }

    @Test
    void l2_401AnswersCarryAWwwAuthenticateChallenge() {
        Api.Response none = api().get("/accounts");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer realm=");
        Api.Response wrong = api().as("not-a-key").get("/actions/projects");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer realm=");
        Api.Response info = api().get("/actuator/info");
        assertThat(info.status()).isEqualTo(401);
        assertThat(info.header("WWW-Authenticate")).isNotNull();
    }

    @Test
    void l3_healthDetailsAndInfoOnlyForAnAdminKey() {
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.text()).doesNotContain("diskSpace").doesNotContain("free").doesNotContain("path");
        assertThat(api().get("/actuator/health/readiness").json().has("components")).isFalse();
        assertThat(api().as(TestKeys.READ_ONLY).get("/actuator/health").json().has("components")).isFalse();
        assertThat(api().get("/actuator/info").status()).isEqualTo(401);
        assertThat(api().as(TestKeys.READ_ONLY).get("/actuator/info").status()).isEqualTo(403);
        // an admin key sees everything
        Api.Response adminHealth = full().get("/actuator/health");
        assertThat(adminHealth.json().path("components").has("db")).isTrue();
        Api.Response info = full().get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("version").asString()).isNotBlank();
    }

    @Test
    void l4_theErrorFallbackNeedsNoKeyAndLabels405() {
        RawHttp.Response trace = RawHttp.send(port, "TRACE /accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), 30_000);
        assertRawProblem(trace, 405, "method_not_allowed");
        RawHttp.Response error = RawHttp.get(port, "/error");
        assertThat(error.status()).as(error.toString()).isNotEqualTo(401);
        assertThat(error.json().path("request_id").asString()).isNotBlank();
    }

    /**
     * The body is due 10 s after the request's first byte; a silent client is cut by Tomcat's 10 s connection timeout
     * (swept about once a second). Without the fix: about 60 s, and a trickle was read to its end before the answer.
     * 20 s leaves room for a loaded machine.
     */
    @Test
    void l8_slowClientsAreCutOffNotHeldForAMinute() throws Exception {
        CompletableFuture<RawHttp.Response> trickle = CompletableFuture.supplyAsync(() -> trickleBody(true));
        CompletableFuture<RawHttp.Response> stall = CompletableFuture.supplyAsync(() -> trickleBody(false));
        RawHttp.Response trickled = trickle.get();
        assertThat(trickled.status()).as(trickled.toString()).isEqualTo(408);
        assertThat(trickled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(trickled.millis()).as("trickled body answered after (ms)").isLessThan(20_000);
        RawHttp.Response stalled = stall.get();
        assertThat(stalled.status()).as(stalled.toString()).isBetween(400, 408);
        assertThat(stalled.millis()).as("stalled body answered after (ms)").isLessThan(20_000);
    }

    /** A JSON body of 200 bytes announced, then a byte every 500 ms (trickle) or nothing more (stall). */
    private RawHttp.Response trickleBody(boolean keepSending) {
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(70_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /connect_sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestKeys.FULL
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"origin_owner_id\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            if (keepSending) {
                for (int i = 0; i < 150 && in.available() == 0; i++) {
                    Thread.sleep(500);
                    try {
                        out.write('a');
                        out.flush();
                    } catch (java.io.IOException e) {
                        break; // the server gave up on us
                    }
                }
            }
            return RawHttp.read(in, start);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
