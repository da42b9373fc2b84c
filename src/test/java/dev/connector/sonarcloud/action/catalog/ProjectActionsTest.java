package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectActionsTest extends IntegrationTest {

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void listProjectsByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/projects?page_size=1");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        var first = rest.json().path("data").path(0);
        assertThat(first.path("key").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(first.path("organization").asString()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(rest.json().path("next").asString()).isNotBlank();
        assertThat(EU.requests().getFirst().getUrl()).contains("organization=my-org").contains("qualifiers=TRK");

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_list_projects", "query", Map.of("page_size", 1)));
        assertThat(rpc.status()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));

        Api.Response second = full().account(account).get("/actions/projects?page_size=1&next=" + rest.json().path("next").asString());
        assertThat(second.json().path("data").path(0).path("key").asString()).isEqualTo(SimulatorDefaults.EU_SECOND_PROJECT);
        assertThat(second.json().path("next").isNull()).isTrue();
    }

    @Test
    void getProjectNormalizesTimestampsAndKeepsRawOnRequest() {
        Api.Response response = full().account(account).get("/actions/projects/" + SimulatorDefaults.EU_PROJECT + "?raw=true");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var data = response.json().path("data");
        assertThat(data.path("last_analysis_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(response.json().path("raw").path("component").isObject()).isTrue();
        assertThat(full().account(account).get("/actions/projects/" + SimulatorDefaults.EU_PROJECT).json().has("raw")).isFalse();
    }

    @Test
    void tamperedOrForeignCursorIs400() {
        String next = full().account(account).get("/actions/projects?page_size=1").json().path("next").asString();
        // one whole character of the signature changed (the last one carries unused bits: changing it may change nothing)
        Api.Response tampered = full().account(account).get("/actions/projects?page_size=1&next="
                + alter(next, next.indexOf('.') + 5));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.json().path("errors").path(0).path("field").asString()).isEqualTo("next");
        Api.Response otherFilter = full().account(account).get("/actions/projects?q=zz&next=" + next);
        assertThat(otherFilter.status()).isEqualTo(400);
    }

    @Test
    void unknownParameterIs400NamingIt() {
        Api.Response response = full().account(account).get("/actions/projects?colour=blue");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("colour");
    }

    @Test
    void fileKeysWithSlashesWorkInRestPathsWhenEncoded() {
        String fileKey = SimulatorDefaults.EU_PROJECT + ":src/main/java/Foo.java";
        Api.Response response = full().account(account).get("/actions/projects/"
                + java.net.URLEncoder.encode(fileKey, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String upstream = EU.requests().getLast().getUrl();
        assertThat(java.net.URLDecoder.decode(upstream, java.nio.charset.StandardCharsets.UTF_8))
                .contains("component=" + fileKey);
    }
}
