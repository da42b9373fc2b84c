package dev.connector.sonarcloud.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Contract;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bounded random fuzz of every documented route: odd path values, query strings with malformed escapes, control
 * characters and huge values, bodies that are not JSON, JSON of the wrong shape, deep nesting. Whatever arrives,
 * the answer is never a 500 and every error is a problem document. Seeded, so a failure can be replayed.
 */
class RouteFuzzTest extends IntegrationTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int REQUESTS_PER_OPERATION = 6;
    private static final String[] ODD = {"%", "%ZZ", "%C3%28", "%00", "%0A", "%E2%80%AE", "%F0%9F%98%80", "'", "\"",
            "..%2F..%2F", "%2e%2e", "-1", "0", "99999999999999999999", "1e9", "NaN", "true", "null", "[]", "{}",
            "a%20b", "%FF", "x".repeat(3000), "%uD800", "<script>"};
    private static final String[] BODIES = {"", "null", "[]", "{}", "{", "\"text\"", "12", "{\"a\":", "[[[[[[[[[[",
            "{\"page_size\":\"many\"}", "{\"personal_access_token\":123}", "{\"label\":{\"x\":1}}",
            "{\"query\":{\"a\":{\"b\":1}}}", "\u0000", "{\"action\":\"sonarcloud_list_projects\",\"query\":[1]}",
            "[" .repeat(5000)};

    @Test
    void fuzz_noRouteAnswers500() {
        String account = linkEuAccount();
        Random random = new Random(SEED);
        JsonNode paths = Contract.get().document().path("paths");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (var path : paths.properties()) {
            if (path.getKey().startsWith("/mcp")) {
                continue; // JSON-RPC: its errors are JSON-RPC documents, tested by the MCP transport tests
            }
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PATCH", "DELETE", "PUT").contains(method)) {
                    continue;
                }
                for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                    String target = path.getKey().replaceAll("\\{[^}]+}", pick(random, ODD).replace("/", "%2F"))
                            + "?" + pick(random, new String[] {"page_size", "next", "q", "status", "origin_owner_id",
                            "raw", "x"}) + "=" + pick(random, ODD);
                    String body = method.equals("GET") || method.equals("DELETE") ? null : pick(random, BODIES);
                    String contentType = pick(random, new String[] {"application/json", "application/x-www-form-urlencoded",
                            "text/plain", "application/json; charset=latin1"});
                    RawHttp.Response response = send(method, target, account, contentType, body);
                    sent++;
                    boolean problem = response.status() < 400
                            || String.valueOf(response.header("Content-Type")).startsWith("application/problem+json");
                    if (response.status() == 500 || !problem || response.body().contains("Exception")) {
                        failures.add(method + " " + target.substring(0, Math.min(120, target.length())) + " body="
                                + (body == null ? null : body.substring(0, Math.min(40, body.length()))) + " -> "
                                + response.status() + " " + response.body().substring(0, Math.min(200, response.body().length())));
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    private RawHttp.Response send(String method, String target, String account, String contentType, String body) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + TestKeys.FULL + "\r\nx-account-id: " + account + "\r\n"
                + (body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: " + payload.length + "\r\n")
                + "\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[head8.length + payload.length];
        System.arraycopy(head8, 0, request, 0, head8.length);
        System.arraycopy(payload, 0, request, head8.length, payload.length);
        return RawHttp.send(port, request, 30_000);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
