package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Actions on the Web API v2: the organization's v2 id is read once per linked account whatever the number of
 * actions and calls, read again when a v2 call answers 404 for a stale id, and every paged v2 list walks to its end
 * through {@code next}.
 */
class V2ActionsTest extends IntegrationTest {

    private static final String RESOLVE = "/organizations/organizations";

    @Test
    void theOrganizationIdIsReadOncePerAccountForEveryV2Action() {
        String account = linkEuAccount();
        List<String> ran = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (JsonNode entry : v2Entries(true)) {
                String id = entry.path("id").asString();
                Api.Response response = CatalogTest.rest(full().account(account), entry, CatalogTest.SAMPLES.get(id));
                assertThat(response.status()).as(id + " " + response).isEqualTo(200);
                ran.add(id);
            }
        }
        assertThat(ran).contains("sonarcloud_list_quality_gates", "sonarcloud_create_quality_gate",
                "sonarcloud_set_default_quality_gate", "sonarcloud_get_project_quality_gate",
                "sonarcloud_get_projects_by_keys");
        assertThat(EU.requestCount(RESOLVE)).as("one resolution for " + ran.size() + " v2 calls").isEqualTo(1);

        // another account of the same organization resolves its own, once
        String second = link(SimulatorDefaults.EU_MEMBER_TOKEN, SimulatorDefaults.EU_ORG, "eu", "owner-member");
        for (int i = 0; i < 3; i++) {
            assertThat(full().account(second).get("/actions/quality_gates").status()).isEqualTo(200);
        }
        assertThat(EU.requestCount(RESOLVE)).isEqualTo(1);
        assertThat(full().account(account).get("/actions/quality_gates").status()).isEqualTo(200);
        assertThat(EU.requestCount(RESOLVE)).isEqualTo(1);
    }

    @Test
    void aStaleOrganizationIdIsReadAgainOnA404AndTheCallRepeatedOnce() {
        String account = linkEuAccount();
        Api.Response first = full().account(account).get("/actions/quality_gates");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String oldId = EU.organizationId(SimulatorDefaults.EU_ORG);
        EU.renewOrganizationId(SimulatorDefaults.EU_ORG);
        EU.reset();

        Api.Response again = full().account(account).get("/actions/quality_gates");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(EU.requestCount(RESOLVE)).isEqualTo(1);
        List<String> gateCalls = EU.requests().stream().map(r -> r.getUrl())
                .filter(url -> url.startsWith("/quality-gates/quality-gates?")).toList();
        assertThat(gateCalls).hasSize(2);
        assertThat(gateCalls.get(0)).contains(oldId);
        assertThat(gateCalls.get(1)).contains(EU.organizationId(SimulatorDefaults.EU_ORG));
        assertThat(again.json().path("data")).isEqualTo(first.json().path("data"));

        // a 404 that is not about the id (an unknown gate) is answered as it is, after one fresh read at most
        EU.reset();
        Api.Response unknown = full().account(account).get("/actions/quality_gates/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("provider_errors").path(0).path("raw").path("message").asString())
                .isEqualTo("Quality gate not found");
        assertThat(EU.requestCount(RESOLVE)).isZero();
    }

    @Test
    void everyPagedV2ListWalksToItsEndThroughNext() {
        String account = linkEuAccount();
        List<String> walked = new ArrayList<>();
        for (JsonNode entry : v2Entries(false)) {
            if (!entry.path("paged").asBoolean()) {
                continue;
            }
            String id = entry.path("id").asString();
            CatalogTest.Sample sample = CatalogTest.SAMPLES.get(id);
            String base = CatalogTest.restPath(entry, sample) + "?" + query(sample);
            Api.Response all = full().account(account).get(base + "page_size=500");
            assertThat(all.status()).as(id + " " + all).isEqualTo(200);
            assertThat(all.json().path("next").isNull()).as(id).isTrue();

            List<JsonNode> items = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                Api.Response page = full().account(account).get(base + "page_size=1"
                        + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
                assertThat(page.status()).as(id + " " + page).isEqualTo(200);
                page.json().path("data").forEach(items::add);
                next = page.json().path("next").isNull() ? null : page.json().path("next").asString();
                pages++;
            } while (next != null && pages < 50);
            assertThat(next).as(id + " reaches the end").isNull();
            List<JsonNode> expected = new ArrayList<>();
            all.json().path("data").forEach(expected::add);
            assertThat(items).as(id).isEqualTo(expected);
            assertThat(pages).as(id).isEqualTo(Math.max(1, expected.size()));
            walked.add(id + ":" + expected.size());
        }
        assertThat(walked).contains("sonarcloud_list_quality_gates:3", "sonarcloud_list_portfolios:3",
                "sonarcloud_search_dependency_risks:3", "sonarcloud_get_projects_by_keys:2");
        // v2 paging parameters went upstream
        assertThat(EU.requests()).anySatisfy(r -> assertThat(r.getUrl()).contains("pageIndex=3").contains("pageSize=1"));
    }

    private List<JsonNode> v2Entries(boolean withOrganizationIdOnly) {
        List<JsonNode> entries = new ArrayList<>();
        full().get("/actions").json().path("data").path(0).path("actions").forEach(entry -> {
            JsonNode endpoint = entry.path("x-sonarcloud-endpoint");
            if (endpoint.path("host").asString().equals("v2")
                    && (!withOrganizationIdOnly || endpoint.has("sends_organization_id_as"))) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static String query(CatalogTest.Sample sample) {
        StringBuilder query = new StringBuilder();
        sample.inputs().forEach((name, value) -> query.append(name).append('=')
                .append(URLEncoder.encode(value instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value),
                        StandardCharsets.UTF_8)).append('&'));
        return query.toString();
    }
}
