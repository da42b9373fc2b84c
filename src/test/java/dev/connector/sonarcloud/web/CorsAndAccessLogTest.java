package dev.connector.sonarcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Every answer to an allowed origin carries CORS headers (filter rejections too); one access line per request. */
@ExtendWith(OutputCaptureExtension.class)
class CorsAndAccessLogTest extends IntegrationTest {

    private static final String HUB = "https://hub.example.com";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder connect() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect")).header("Origin", HUB);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithCorsHeaders() throws Exception {
        String huge = "{\"personal_access_token\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> response = send(connect().header("Content-Type", "application/json")
                .header("Authorization", "Bearer some-session-token")
                .POST(HttpRequest.BodyPublishers.ofString(huge)));
        assertThat(response.statusCode()).isBetween(400, 413);
        assertThat(response.body()).contains("exceeds");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(HUB);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Request-Id");
    }

    @Test
    void fetchWithFormDataIs415WithCorsHeaders() throws Exception {
        String boundary = "----boundary42";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"organization_key\"\r\n\r\nmy-org\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> response = send(connect().header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer some-session-token")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("unsupported_media_type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(HUB);
    }

    @Test
    void unauthorizedIsAnsweredWithCorsHeadersAndOtherOriginsGetNone() throws Exception {
        HttpResponse<String> response = send(connect().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(HUB);

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aShortAnswerIsSentWholeWithItsLengthNotChunked() throws Exception {
        String accountId = linkEuAccount();
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestKeys.FULL + ":").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> action = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actions/projects?page_size=2"))
                .header("Authorization", basic).header("x-account-id", accountId));
        assertThat(action.statusCode()).isEqualTo(200);
        assertThat(action.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(action.headers().firstValueAsLong("Content-Length"))
                .hasValue(action.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void oneAccessLinePerRequestWithItsRequestIdAndNoCredential(CapturedOutput output) throws Exception {
        String accountId = linkEuAccount();
        List<String> requestIds = List.of("access-" + UUID.randomUUID(), "access-" + UUID.randomUUID());
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestKeys.FULL + ":").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> action = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actions/projects?page_size=2"))
                .header("Authorization", basic).header("x-account-id", accountId).header("X-Request-Id", requestIds.get(0)));
        assertThat(action.statusCode()).isEqualTo(200);
        HttpResponse<String> account = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/accounts/" + accountId))
                .header("Authorization", basic).header("X-Request-Id", requestIds.get(1)));
        assertThat(account.statusCode()).isEqualTo(200);

        for (String requestId : requestIds) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accessLines(output, requestId).size() == 1);
        }
        String actionLine = accessLines(output, requestIds.get(0)).getFirst();
        assertThat(actionLine).contains("\"http_method\":\"GET\"", "\"http_status\":200", "\"project\":\"project-a\"",
                "\"account_id\":\"" + accountId + "\"", "\"duration_ms\":").doesNotContain("page_size", TestKeys.FULL, basic);
        assertThat(actionLine).contains("\"http_route\":\"/actions/projects\"");
        // one ECS JSON object per line (Spring Boot's ECS members, written by EcsAsStringFormatter)
        JsonNode ecs = Api.JSON.readTree(actionLine);
        assertThat(ecs.path("ecs").path("version").asString()).isNotEmpty();
        assertThat(ecs.path("log").path("logger").asString()).isEqualTo("dev.connector.sonarcloud.access");
        assertThat(ecs.path("@timestamp").asString()).endsWith("Z");
        assertThat(ecs.path("request_id").asString()).isEqualTo(requestIds.get(0));
        String accountLine = accessLines(output, requestIds.get(1)).getFirst();
        assertThat(accountLine).contains("\"http_route\":\"/accounts/{id}\"", "\"account_id\":\"" + accountId + "\"");
        // /connect names the account it linked
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines().anyMatch(line ->
                line.contains("\"http_route\":\"/connect\"") && line.contains("\"account_id\":\"" + accountId + "\"")));
        Thread.sleep(300); // nothing else arrives for these requests
        assertThat(accessLines(output, requestIds.get(0))).hasSize(1);
    }

    @Test
    void everyRequestIsTimedAsHttpServerRequestsByRouteTemplate() throws Exception {
        String accountId = linkEuAccount();
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestKeys.FULL + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/" + accountId))
                .header("Authorization", basic)).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/no/such/route/" + accountId))
                .header("Authorization", basic)).statusCode()).isEqualTo(404);

        Timer account = meters.find("http.server.requests").tag("uri", "/accounts/{id}").tag("method", "GET")
                .tag("status", "200").tag("outcome", "SUCCESS").tag("exception", "none").timer();
        assertThat(account).as("timed by route template, never by raw path").isNotNull();
        assertThat(account.count()).isPositive();
        assertThat(meters.find("http.server.requests").tag("status", "404").tag("outcome", "CLIENT_ERROR").timer())
                .isNotNull();
        assertThat(meters.find("http.server.requests").meters()).noneMatch(meter ->
                meter.getId().getTag("uri").contains(accountId));
        assertThat(meters.find("http.server.requests.active").gauge()).isNotNull();
    }

    private static List<String> accessLines(CapturedOutput output, String requestId) {
        return output.getOut().lines()
                .filter(line -> line.contains("dev.connector.sonarcloud.access") && line.contains(requestId))
                .toList();
    }
}
