package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OrganizationActionsTest extends IntegrationTest {

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void validateCredentialsRunsWithTheAccountsToken() {
        Api.Response response = full().account(account).get("/actions/credentials/validate");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("data").path("valid").asBoolean()).isTrue();
        var request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/authentication/validate");
        assertThat(request.getHeader("Authorization")).contains(SimulatorDefaults.EU_TOKEN);
    }

    @Test
    void getOrganizationAsksForTheAccountsOrganizationByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/organization");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        var data = rest.json().path("data");
        assertThat(data.path("key").asString()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(data.path("name").asString()).isEqualTo(SimulatorDefaults.EU_ORG_NAME);
        assertThat(data.path("guarded").asBoolean(true)).isFalse();
        assertThat(data.path("actions").path("provision").asBoolean()).isTrue();
        assertThat(rest.json().has("next")).isFalse();
        assertThat(EU.requests().getFirst().getUrl())
                .startsWith("/api/organizations/search").contains("organizations=my-org");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_organization"));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    @Test
    void getOrganizationIs404WhenSonarQubeListsNone() {
        EU.answer("GET", "/api/organizations/search", 200,
                "{\"paging\":{\"pageIndex\":1,\"pageSize\":100,\"total\":0},\"organizations\":[]}");
        Api.Response response = full().account(account).get("/actions/organization");
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void listMembersSendsTheOrganizationAndPaging() {
        Api.Response response = full().account(account).get("/actions/organization/members?q=ada&page_size=20");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var first = response.json().path("data").path(0);
        assertThat(first.path("login").asString()).isEqualTo("ada.lovelace");
        assertThat(first.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(first.path("avatar").asString()).isEqualTo("680b0001b4952664631511a81a4edc59");
        assertThat(first.has("group_count")).isTrue();
        assertThat(response.json().path("data").size()).isEqualTo(2);
        assertThat(response.json().path("next").isNull()).isTrue();
        assertThat(EU.requests().getFirst().getUrl()).startsWith("/api/organizations/search_members")
                .contains("organization=my-org").contains("q=ada").contains("p=1").contains("ps=20");
    }

    @Test
    void currentUserIsTheTokensUser() {
        Api.Response response = full().account(account).get("/actions/me");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var data = response.json().path("data");
        assertThat(data.path("login").asString()).isEqualTo(SimulatorDefaults.EU_LOGIN);
        assertThat(data.path("name").asString()).isEqualTo(SimulatorDefaults.EU_NAME);
        assertThat(data.path("is_logged_in").asBoolean()).isTrue();
        assertThat(data.path("external_provider").asString()).isEqualTo("github");
        assertThat(data.path("permissions").path("global").path(0).asString()).isEqualTo("profileadmin");
        assertThat(EU.requests().getFirst().getUrl()).isEqualTo("/api/users/current");
    }

    @Test
    void unknownParameterIs400NamingIt() {
        Api.Response response = full().account(account).get("/actions/me?login=someone");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("login");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        var normal = full().account(account).get("/actions/me?raw=true").json();
        ObjectNode body = (ObjectNode) normal.path("raw").deepCopy();
        body.remove("email");
        body.put("brandNewField", "whatever");
        EU.answer("GET", "/api/users/current", 200, Api.json(body));

        var changed = full().account(account).get("/actions/me").json().path("data");
        ObjectNode expected = (ObjectNode) normal.path("data").deepCopy();
        expected.putNull("email");
        assertThat(changed).isEqualTo(expected);
    }
}
