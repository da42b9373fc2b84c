package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Action routes are Spring MVC mappings: the framework answers wrong methods (405 with Allow) and unknown routes. */
class ActionRoutesTest extends IntegrationTest {

    private static Set<String> allow(Api.Response response) {
        return Arrays.stream(response.header("Allow").split(",")).map(String::trim).collect(Collectors.toSet());
    }

    @Test
    void wrongMethodOnTheCatalogIs405WithAllow() {
        Api.Response response = full().send("PUT", "/actions", "application/json", "{}");
        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("method_not_allowed");
        assertThat(allow(response)).contains("GET").doesNotContain("PUT");
    }

    @Test
    void wrongMethodOnAnActionRouteIs405WithAllow() {
        Api.Response response = full().delete("/actions/projects");
        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("method_not_allowed");
        assertThat(allow(response)).contains("GET").doesNotContain("DELETE");

        Api.Response webhooks = full().send("PUT", "/actions/webhooks", "application/json", "{}");
        assertThat(webhooks.status()).isEqualTo(405);
        assertThat(allow(webhooks)).contains("GET", "POST");
    }

    @Test
    void unknownActionRouteIs404Problem() {
        Api.Response response = full().get("/actions/no_such_thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void theContractIsYamlOnly() {
        Api.Response yaml = api().get("/openapi.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        Api.Response json = api().header("Accept", "application/json").get("/openapi.yaml");
        assertThat(json.status()).as(json.toString()).isEqualTo(406);
        assertThat(json.json().path("code").asString()).isEqualTo("not_acceptable");
    }

    @Test
    void actionRoutesStillNeedAnApiKey() {
        assertThat(api().get("/actions/projects").status()).isEqualTo(401);
        assertThat(api().post("/actions/webhooks", Map.of()).status()).isEqualTo(401);
    }
}
