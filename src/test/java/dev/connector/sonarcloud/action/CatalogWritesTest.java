package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every write action passes SonarQube's refusals on: 400 (a parameter SonarQube rejects), 403 (the account's user
 * lacks the permission) and 404 (an unknown key), each with {@code provider_errors}, and none is ever sent twice.
 * Writes that need Administer get a real 403 from the simulator with a plain member's token; the others, and the
 * 400s and 404s, get SonarQube's error body injected on their endpoint (v1 {@code errors[].msg}, v2 {@code message}).
 */
class CatalogWritesTest extends IntegrationTest {

    private String admin;
    private String member;

    @BeforeEach
    void link() {
        admin = linkEuAccount();
        member = link(SimulatorDefaults.EU_MEMBER_TOKEN, SimulatorDefaults.EU_ORG, "eu", "owner-member");
    }

    @Test
    void everyWriteActionPassesOnSonarQubes400403And404WithoutRetrying() {
        List<String> checked = new ArrayList<>();
        for (JsonNode entry : entries()) {
            if (entry.path("read_only").asBoolean()) {
                continue;
            }
            String id = entry.path("id").asString();
            CatalogTest.Sample sample = CatalogTest.SAMPLES.get(id);
            JsonNode endpoint = entry.path("x-sonarcloud-endpoint");
            boolean v2 = endpoint.path("host").asString().equals("v2");
            String method = endpoint.path("method").asString();
            String path = "/" + concrete(endpoint.path("path").asString(), sample);

            for (int status : List.of(400, 404)) {
                EU.reset();
                EU.answer(method, path, status, v2 ? "{\"message\":\"Refused (" + status + ")\"}"
                        : "{\"errors\":[{\"msg\":\"Refused (" + status + ")\"}]}");
                expect(id, CatalogTest.rest(full().account(admin), entry, sample), status, method, path);
                EU.reset();
                EU.answer(method, path, status, v2 ? "{\"message\":\"Refused (" + status + ")\"}"
                        : "{\"errors\":[{\"msg\":\"Refused (" + status + ")\"}]}");
                expect(id, full().account(admin).post("/actions/rpc", CatalogTest.rpcBody(entry, sample)), status,
                        method, path);
            }

            EU.reset();
            boolean needsAdmin = entry.path("x-required-permission").asString().equals("admin");
            if (!needsAdmin) {
                EU.answer(method, path, 403, v2 ? "{\"message\":\"Insufficient privileges\"}"
                        : "{\"errors\":[{\"msg\":\"Insufficient privileges\"}]}");
            }
            Api.Response forbidden = CatalogTest.rest(full().account(needsAdmin ? member : admin), entry, sample);
            expect(id, forbidden, 403, method, path);
            assertThat(forbidden.json().path("provider_errors").path(0).path("raw").toString()).as(id)
                    .contains("Insufficient privileges");
            checked.add(id);
        }
        assertThat(checked).hasSizeGreaterThan(60);
    }

    private void expect(String id, Api.Response response, int status, String method, String path) {
        assertThat(response.status()).as(id + " " + status + ": " + response).isEqualTo(status);
        assertThat(response.json().path("code").asString()).as(id).isEqualTo(switch (status) {
            case 400 -> "validation_failed";
            case 403 -> "forbidden";
            default -> "not_found";
        });
        JsonNode providerError = response.json().path("provider_errors").path(0);
        assertThat(providerError.path("status").asInt()).as(id + " provider_errors").isEqualTo(status);
        long sent = EU.requests().stream()
                .filter(request -> request.getMethod().getName().equals(method) && request.getUrl().split("\\?")[0].equals(path))
                .count();
        assertThat(sent).as(id + ": " + method + " " + path + " sent exactly once (never retried)").isEqualTo(1);
    }

    /** An upstream path template with the sample's values (the organization's v2 id for {organization_id}). */
    private static String concrete(String template, CatalogTest.Sample sample) {
        String path = template.replace("{organization_id}", EU.organizationId(SimulatorDefaults.EU_ORG));
        for (Map.Entry<String, String> value : sample.path().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(path).doesNotContain("{");
        return path;
    }

    private List<JsonNode> entries() {
        Api.Response response = full().get("/actions");
        List<JsonNode> entries = new ArrayList<>();
        response.json().path("data").path(0).path("actions").forEach(entries::add); // the one connector group
        return entries;
    }
}
