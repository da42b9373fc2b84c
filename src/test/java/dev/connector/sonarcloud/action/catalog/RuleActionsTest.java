package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class RuleActionsTest extends IntegrationTest {

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void searchRulesByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/rules?languages=java&severities=MAJOR"
                + "&impact_software_qualities=MAINTAINABILITY,SECURITY&clean_code_attribute_categories=INTENTIONAL"
                + "&activation=true&qprofile=AU-TpxcA-iU5OvuD2FL1&q=complex");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        JsonNode first = data.path(0);
        assertThat(first.path("key").asString()).isEqualTo("squid:S1067");
        assertThat(first.path("name").asString()).isEqualTo("Expressions should not be too complex");
        assertThat(first.path("repo").asString()).isEqualTo("squid");
        assertThat(first.path("lang").asString()).isEqualTo("java");
        assertThat(first.path("lang_name").asString()).isEqualTo("Java");
        assertThat(first.path("severity").asString()).isEqualTo("MAJOR");
        assertThat(first.path("type").asString()).isEqualTo("CODE_SMELL");
        assertThat(first.path("status").asString()).isEqualTo("READY");
        assertThat(first.path("sys_tags").path(0).asString()).isEqualTo("brain-overload");
        assertThat(first.path("impacts").path(0).path("software_quality").asString()).isEqualTo("MAINTAINABILITY");
        assertThat(first.path("impacts").path(0).path("severity").asString()).isEqualTo("HIGH");
        assertThat(first.path("clean_code_attribute").asString()).isEqualTo("CLEAR");
        assertThat(first.path("clean_code_attribute_category").asString()).isEqualTo("INTENTIONAL");
        assertThat(first.path("created_at").asString()).isEqualTo("2013-03-27T07:52:40Z");
        assertThat(first.path("is_template").asBoolean()).isFalse();
        assertThat(first.has("html_desc")).isFalse();
        // one type after another (the walk past the 10,000 cap): the example's three code smells come first
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.path(1).path("key").asString()).isEqualTo("squid:XPath");
        assertThat(data.path(1).path("is_template").asBoolean()).isTrue();
        assertThat(data.path(2).path("template_key").asString()).isEqualTo("squid:XPath");
        assertThat(rest.json().path("next").asString()).isNotBlank();

        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/rules/search?");
        assertThat(param(upstream, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(upstream, "languages")).isEqualTo("java");
        assertThat(param(upstream, "severities")).isEqualTo("MAJOR");
        assertThat(param(upstream, "impactSoftwareQualities")).isEqualTo("MAINTAINABILITY,SECURITY");
        assertThat(param(upstream, "cleanCodeAttributeCategories")).isEqualTo("INTENTIONAL");
        assertThat(param(upstream, "activation")).isEqualTo("true");
        assertThat(param(upstream, "qprofile")).isEqualTo("AU-TpxcA-iU5OvuD2FL1");
        assertThat(param(upstream, "q")).isEqualTo("complex");
        assertThat(param(upstream, "p")).isEqualTo("1");
        assertThat(param(upstream, "ps")).isEqualTo("50");
        assertThat(param(upstream, "types")).isEqualTo("CODE_SMELL");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_search_rules",
                "query", Map.of("languages", "java", "severities", "MAJOR",
                        "impact_software_qualities", new String[] {"MAINTAINABILITY", "SECURITY"},
                        "clean_code_attribute_categories", "INTENTIONAL", "activation", true,
                        "qprofile", "AU-TpxcA-iU5OvuD2FL1", "q", "complex")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    @Test
    void searchRulesPagesTypeByType() {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        String next = null;
        do {
            Api.Response page = full().account(account).get("/actions/rules?page_size=2"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(rule -> keys.add(rule.path("key").asString()));
            types.add(param(EU.requests().getLast(), "types") + " p" + param(EU.requests().getLast(), "p"));
            next = page.json().path("next").isNull() ? null : page.json().path("next").asString();
        } while (next != null && keys.size() < 10);
        assertThat(keys).containsExactly("squid:S1067", "squid:XPath", "squid:XPath_1369910135",
                "squid:ClassCyclomaticComplexity", "squid:MethodCyclomaticComplexity");
        // the last type (hotspot rules) has no example rule: its page is the empty last one
        assertThat(types).containsExactly("CODE_SMELL p1", "CODE_SMELL p2", "BUG p1", "VULNERABILITY p1",
                "SECURITY_HOTSPOT p1");
    }

    @Test
    void searchRulesOfChosenTypesAsksOnlyForThose() {
        Api.Response page = full().account(account).get("/actions/rules?types=VULNERABILITY,BUG");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().path("data").path(0).path("key").asString()).isEqualTo("squid:ClassCyclomaticComplexity");
        assertThat(param(EU.requests().getFirst(), "types")).isEqualTo("BUG");
    }

    @Test
    void badEnumValueIs400NamingIt() {
        Api.Response response = full().account(account).get("/actions/rules?severities=HUGE");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("severities");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void getRuleWithDetails() {
        Api.Response response = full().account(account).get("/actions/rules/java:S1144");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode rule = response.json().path("data");
        assertThat(rule.path("key").asString()).isEqualTo("java:S1144");
        assertThat(rule.path("name").asString()).isEqualTo("Avoid too complex class");
        assertThat(rule.path("severity").asString()).isEqualTo("MAJOR");
        assertThat(rule.path("type").asString()).isEqualTo("CODE_SMELL");
        assertThat(rule.path("is_template").asBoolean()).isFalse();
        assertThat(rule.path("is_template").isBoolean()).isTrue();
        assertThat(rule.path("html_desc").asString()).contains("Cyclomatic Complexity");
        assertThat(rule.path("description_sections").path(1).path("context").path("display_name").asString())
                .isEqualTo("Spring");
        assertThat(rule.path("params").path(0).path("default_value").asString()).isEqualTo("200");
        assertThat(rule.path("rem_fn_base_effort").asString()).isEqualTo("10h");

        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/rules/show?");
        assertThat(param(upstream, "key")).isEqualTo("java:S1144");
        assertThat(param(upstream, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_rule", "path", Map.of("rule_key", "java:S1144")));
        assertThat(rpc.json().path("data")).isEqualTo(rule);
    }

    @Test
    void ruleKeyIsRequiredAndChecked() {
        Api.Response missing = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_rule"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("rule_key");
        Api.Response bad = full().account(account).get("/actions/rules/java!S1144");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("rule_key");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void listQualityProfiles() {
        Api.Response response = full().account(account)
                .get("/actions/quality_profiles?language=java&project=" + SimulatorDefaults.EU_PROJECT);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode profile = response.json().path("data").path(1);
        assertThat(profile.path("key").asString()).isEqualTo("AU-TpxcA-iU5OvuD2FL1");
        assertThat(profile.path("name").asString()).isEqualTo("My BU Profile");
        assertThat(profile.path("language").asString()).isEqualTo("java");
        assertThat(profile.path("language_name").asString()).isEqualTo("Java");
        assertThat(profile.path("is_default").asBoolean()).isFalse();
        assertThat(profile.path("is_inherited").asBoolean()).isTrue();
        assertThat(profile.path("active_rule_count").asInt()).isEqualTo(15);
        assertThat(profile.path("parent_key").asString()).isEqualTo("iU5OvuD2FLz");
        assertThat(profile.path("rules_updated_at").asString()).isEqualTo("2016-12-20T18:10:03Z");
        assertThat(profile.path("last_used").asString()).isEqualTo("2016-12-21T15:10:03Z");
        assertThat(profile.path("user_updated_at").asString()).isEqualTo("2016-06-28T19:57:01Z");
        assertThat(response.json().path("data").path(0).path("is_default").asBoolean()).isTrue();
        assertThat(response.json().path("data").path(2).path("last_used").isNull()).isTrue();
        assertThat(response.json().path("next").isNull()).isTrue();

        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/qualityprofiles/search?");
        assertThat(param(upstream, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(upstream, "language")).isEqualTo("java");
        assertThat(param(upstream, "project")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(upstream.queryParameter("p").isPresent()).isFalse();

        Api.Response paged = full().account(account).get("/actions/quality_profiles?page_size=10");
        assertThat(paged.status()).isEqualTo(400);
        assertThat(paged.json().path("errors").path(0).path("field").asString()).isEqualTo("page_size");
    }

    @Test
    void listLanguages() {
        Api.Response response = full().account(account).get("/actions/languages?q=ja");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.size()).isEqualTo(5);
        assertThat(data.path(2)).isEqualTo(Api.JSON.createObjectNode().put("key", "java").put("name", "Java"));
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/languages/list?");
        assertThat(param(upstream, "q")).isEqualTo("ja");
        assertThat(upstream.queryParameter("organization").isPresent()).isFalse();
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        JsonNode normal = full().account(account).get("/actions/rules").json().path("data");

        ObjectNode body = (ObjectNode) fixture("rule/search-example.json");
        // the first page is the code smells' (the walk goes type by type)
        ((ArrayNode) body.path("rules")).removeIf(r -> !r.path("type").asString().equals("CODE_SMELL"));
        ObjectNode rule = (ObjectNode) body.path("rules").path(0);
        rule.remove("langName");
        rule.put("brandNewField", "whatever");
        rule.putObject("anotherNewOne").put("nested", 1);
        EU.answer("GET", "/api/rules/search", 200, Api.JSON.writeValueAsString(body));
        JsonNode changed = full().account(account).get("/actions/rules").json().path("data");

        JsonNode expected = normal.deepCopy();
        ((ObjectNode) expected.path(0)).putNull("lang_name");
        assertThat(changed).isEqualTo(expected);
    }

    private static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }

    static JsonNode fixture(String path) {
        try (InputStream in = RuleActionsTest.class.getClassLoader().getResourceAsStream("sonar-fixtures/" + path)) {
            return Api.JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
