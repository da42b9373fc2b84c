package dev.connector.sonarcloud.connect;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_PROJECT;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shapes StackOne's clients parse (the real clients run in compat/; these pin each rule on its own). */
class StackOneWireTest extends IntegrationTest {

    private Api stackOne() {
        String basic = Base64.getEncoder().encodeToString((TestKeys.FULL + ":").getBytes(StandardCharsets.UTF_8));
        return api().header("Authorization", "Basic " + basic).header("Accept", "application/json");
    }

    private String linkOwner(String owner) {
        Api.Response created = full().post("/connect", Map.of("personal_access_token", EU_TOKEN,
                "organization_key", EU_ORG, "origin_owner_id", owner, "origin_owner_name", "Owner " + owner,
                "multiple", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void errorsCarryStatusCodeAndMessageAsProblemOrPlainJsonByAccept() {
        Api.Response problem = full().get("/accounts/00000000-0000-0000-0000-000000000000");
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().path("statusCode").asInt()).isEqualTo(404);
        assertThat(problem.json().path("message").asString()).isEqualTo(problem.json().path("detail").asString());

        Api.Response plain = stackOne().get("/accounts/00000000-0000-0000-0000-000000000000");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.contentType()).startsWith("application/json");
        assertThat(plain.json().path("statusCode").asInt()).isEqualTo(404);
        assertThat(plain.json().path("code").asString()).isEqualTo("not_found");

        Api.Response both = full().header("Accept", "application/json, application/problem+json").get("/accounts/x");
        assertThat(both.contentType()).startsWith("application/problem+json");
    }

    @Test
    void basicAuthWithOrWithoutTheColon() {
        for (String credential : List.of(TestKeys.FULL + ":", TestKeys.FULL)) {
            String basic = Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
            assertThat(api().header("Authorization", "Basic " + basic).get("/accounts").status()).isEqualTo(200);
        }
    }

    @Test
    void connectSessionsAnswer201InStackOnesShapeAndAuthenticate() {
        Api.Response created = stackOne().post("/connect_sessions", Map.of("origin_owner_id", "o1",
                "origin_owner_name", "Owner", "expires_in", 1800, "multiple", false, "type", "production",
                "categories", List.of("ticketing"), "provider", "sonarcloud", "metadata", Map.of("k", "v")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode session = created.json();
        assertThat(session.path("id").isIntegralNumber()).isTrue();
        assertThat(session.path("organization_id").isIntegralNumber()).isTrue();
        assertThat(session.path("project_id").asString()).isEqualTo("project-a");
        assertThat(session.has("categories")).isFalse();
        String token = session.path("token").asString();
        assertThat(session.path("auth_link_url").asString()).isEqualTo("http://127.0.0.1:" + port + "/hub/connect#token=" + token);

        Api.Response authenticated = stackOne().post("/connect_sessions/authenticate", Map.of("token", token));
        assertThat(authenticated.status()).isEqualTo(201);
        assertThat(authenticated.json().path("id").asLong()).isEqualTo(session.path("id").asLong());
        assertThat(authenticated.json().has("token")).isFalse();
        assertThat(authenticated.text()).doesNotContain(token);
        // another project cannot read it; an unknown token is just as unknown
        assertThat(api().as(TestKeys.OTHER_PROJECT).post("/connect_sessions/authenticate", Map.of("token", token)).status())
                .isEqualTo(404);
        assertThat(stackOne().post("/connect_sessions/authenticate", Map.of("token", "cs_nope")).status()).isEqualTo(404);
        // numbers go up
        long next = stackOne().post("/connect_sessions", Map.of("origin_owner_id", "o2", "origin_owner_name", "O"))
                .json().path("id").asLong();
        assertThat(next).isGreaterThan(session.path("id").asLong());
    }

    @Test
    void accountsAreABareArrayPagedWithALinkHeaderAndRepeatedFilters() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(linkOwner("owner-" + i));
        }
        Api.Response first = stackOne().get("/accounts?page_size=2");
        assertThat(first.json().isArray()).isTrue();
        assertThat(first.json().findValuesAsString("id")).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.header("Link")).isEqualTo("<http://127.0.0.1:" + port + "/accounts?page=2&page_size=2>; rel=\"next\"");
        Api.Response second = stackOne().get("/accounts?page_size=2&page=2");
        assertThat(second.json().findValuesAsString("id")).containsExactly(ids.get(2));
        assertThat(second.header("Link")).isNull();
        assertThat(stackOne().get("/accounts").json().size()).isEqualTo(3); // default 25
        assertThat(stackOne().get("/accounts?page_size=101").status()).isEqualTo(400);
        assertThat(stackOne().get("/accounts?page=0").status()).isEqualTo(400);

        assertThat(stackOne().get("/accounts?origin_owner_ids=owner-0&origin_owner_ids=owner-2").json()
                .findValuesAsString("id")).containsExactly(ids.get(0), ids.get(2));
        assertThat(stackOne().get("/accounts?status=active&status=error&origin_owner_id=owner-1").json()
                .findValuesAsString("id")).containsExactly(ids.get(1));
        assertThat(stackOne().get("/accounts?status=inactive").json().size()).isZero();
        assertThat(stackOne().get("/accounts?account_ids=" + ids.get(2) + "&account_ids=" + ids.get(0)).json()
                .findValuesAsString("id")).containsExactly(ids.get(0), ids.get(2));
        assertThat(stackOne().get("/accounts?providers=hibob&providers=sonarcloud").json().size()).isEqualTo(3);
        assertThat(stackOne().get("/accounts?provider=hibob").json().size()).isZero();
        assertThat(stackOne().get("/accounts?status=bogus").status()).isEqualTo(400);
    }

    @Test
    void deleteAnswersTheAccountAndMetaDescribesIt() {
        String id = linkOwner("owner-d");
        Api.Response meta = stackOne().get("/accounts/" + id + "/meta");
        assertThat(meta.json().path("provider").asString()).isEqualTo("sonarcloud");
        assertThat(meta.json().path("models").path("issues").path("actions").toString()).contains("sonarcloud_search_issues");
        Api.Response deleted = stackOne().delete("/accounts/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isZero();
        assertThat(stackOne().delete("/accounts/" + id).status()).isEqualTo(404);
        assertThat(stackOne().get("/accounts/" + id + "/meta").status()).isEqualTo(404);
    }

    @Test
    void patchWithTheSdksEmptyObjectsChangesNothingButWhatIsGiven() {
        String id = linkOwner("owner-p");
        byte[] before = jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single();
        Api.Response patched = stackOne().patch("/accounts/" + id, Map.of("type", "production", "credentials", Map.of(),
                "setup_information", Map.of(), "metadata", Map.of(), "secrets", Map.of(), "label", Map.of(),
                "origin_owner_name", "New Name", "environment", "production", "provider", "sonarcloud"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("origin_owner_name").asString()).isEqualTo("New Name");
        assertThat(jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single())
                .isEqualTo(before);
        assertThat(stackOne().patch("/accounts/" + id, Map.of("label", "Team A")).json().path("label").asString())
                .isEqualTo("Team A");
        assertThat(stackOne().patch("/accounts/" + id, Map.of("setup_information", Map.of("region", "us"))).status())
                .isEqualTo(400);
        Api.Response refused = stackOne().patch("/accounts/" + id,
                Map.of("credentials", Map.of("personal_access_token", UNKNOWN_TOKEN)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single())
                .isEqualTo(before);
    }

    @Test
    void rpcTakesTheAccountFromTheBodysHeadersAndFlatArguments() {
        String id = linkOwner("owner-r");
        Api.Response split = stackOne().post("/actions/rpc", Map.of("action", "sonarcloud_get_project",
                "path", Map.of("project_key", EU_PROJECT), "headers", Map.of("x-account-id", id)));
        assertThat(split.status()).as(split.toString()).isEqualTo(200);
        Api.Response flatInBody = stackOne().post("/actions/rpc", Map.of("action", "sonarcloud_get_project",
                "body", Map.of("project_key", EU_PROJECT), "headers", Map.of("X-Account-Id", id)));
        assertThat(flatInBody.json().path("data")).isEqualTo(split.json().path("data"));
        Api.Response flatTop = stackOne().account(id).post("/actions/rpc", Map.of("action", "sonarcloud_list_projects",
                "page_size", 1));
        assertThat(flatTop.json().path("data").size()).isEqualTo(1);
        Api.Response conflict = stackOne().account(id).post("/actions/rpc", Map.of("action", "sonarcloud_list_projects",
                "page_size", 1, "query", Map.of("page_size", 2)));
        assertThat(conflict.status()).isEqualTo(400);
        Api.Response noAccount = stackOne().post("/actions/rpc", Map.of("action", "sonarcloud_list_projects"));
        assertThat(noAccount.status()).isEqualTo(400);
    }

    @Test
    void unifiedProxyTakesStackOnesBody() {
        String id = linkOwner("owner-x");
        Api.Response proxied = stackOne().account(id).post("/unified/proxy", Map.of("method", "get",
                "path", "/api/components/search?qualifiers=TRK&organization=" + EU_ORG + "&ps=1",
                "headers", Map.of("Content-Type", "application/json")));
        assertThat(proxied.status()).as(proxied.toString()).isEqualTo(200);
        assertThat(proxied.json().path("data").path("components").size()).isEqualTo(1);
        assertThat(stackOne().account(id).post("/unified/proxy", Map.of("method", "get", "url", "https://evil.example",
                "path", "api/components/search")).status()).isEqualTo(400);
        assertThat(stackOne().account(id).post("/unified/proxy", Map.of("method", "delete", "path", "api/x")).status())
                .isEqualTo(400);
    }

    /** StackOne's route goes through the same proxy rules as /actions/proxy, the query string inside path included. */
    @Test
    void unifiedProxyRefusesCredentialEndpointsAndOtherOrganizations() {
        String id = linkOwner("owner-rules");
        var linkingCalls = EU.requestCount();
        for (String path : List.of("/api/user_tokens/generate?name=backdoor", "api/user_tokens/search",
                "/API/Authentication/login")) {
            Api.Response refused = stackOne().account(id).post("/unified/proxy", Map.of("method", "post", "path", path));
            assertThat(refused.status()).as(path + ": " + refused).isEqualTo(403);
            assertThat(refused.json().path("code").asString()).isEqualTo("forbidden");
        }
        Api.Response otherOrganization = stackOne().account(id).post("/unified/proxy", Map.of("method", "get",
                "path", "/api/projects/search?organization=other-org"));
        assertThat(otherOrganization.status()).as(otherOrganization.toString()).isEqualTo(403);
        assertThat(EU.requestCount()).as("upstream calls").isEqualTo(linkingCalls);
    }

    @Test
    void theCatalogIsGroupedWithSchemasInOperationDetails() {
        JsonNode catalog = stackOne().get("/actions?group_by=%5B%22connector%22%5D&include=operation_details").json();
        assertThat(catalog.path("next").isNull()).isTrue();
        JsonNode connector = catalog.path("data").path(0);
        assertThat(connector.path("key").asString()).isEqualTo("sonarcloud");
        for (JsonNode action : connector.path("actions")) {
            assertThat(action.path("operation_details").path("input_schema").path("type").asString()).isEqualTo("object");
            assertThat(action.path("input_schema")).isEqualTo(action.path("operation_details").path("input_schema"));
        }
        assertThat(stackOne().get("/actions?filter%5Bconnectors%5D=hibob").json().path("data").size()).isZero();
        assertThat(stackOne().get("/actions?filter%5Baction_key%5D=sonarcloud_get_issue").json()
                .path("data").path(0).path("actions").findValuesAsString("id")).containsExactly("sonarcloud_get_issue");
    }
}
