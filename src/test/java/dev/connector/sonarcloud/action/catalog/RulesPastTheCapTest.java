package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An organization with every language enabled sees more rules than {@code api/rules/search}'s 10,000-result window:
 * the walk goes type by type and returns each of 15,000 rules once, never asking past the 10,000th result. (An
 * organization of its own: the simulator is shared by every test class.)
 */
class RulesPastTheCapTest extends IntegrationTest {

    private static final String ORG = "many-rules-org";
    private static final String TOKEN = "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1";
    private static final int RULES = 15_000;
    private static boolean seeded;

    private static synchronized void seed() {
        if (!seeded) {
            EU.addOrganization(ORG, "Many rules");
            EU.addToken(TOKEN, "rules.user", "Rules User", ORG);
            EU.seedRules(ORG, RULES);
            seeded = true;
        }
    }

    private String account(String owner) {
        seed();
        return link(TOKEN, ORG, "eu", owner);
    }

    @Test
    void fifteenThousandRulesAreEachReturnedOnce() {
        String account = account("owner-rules-all");
        List<JsonNode> all = walk(account, "/actions/rules?page_size=500");
        assertThat(all).hasSize(RULES);
        Set<String> keys = new HashSet<>();
        all.forEach(rule -> keys.add(rule.path("key").asString()));
        assertThat(keys).as("every rule once").hasSize(RULES).contains("java:S100000", "java:S114999");
        Map<String, Integer> byType = new TreeMap<>();
        all.forEach(rule -> byType.merge(rule.path("type").asString(), 1, Integer::sum));
        assertThat(byType).isEqualTo(Map.of("CODE_SMELL", 9_000, "BUG", 3_000, "VULNERABILITY", 1_800,
                "SECURITY_HOTSPOT", 1_200));
        for (ServeEvent event : EU.server().getAllServeEvents()) {
            assertThat(event.getResponse().getStatus()).as(event.getRequest().getUrl()).isEqualTo(200);
            long last = Long.parseLong(event.getRequest().queryParameter("p").firstValue())
                    * Long.parseLong(event.getRequest().queryParameter("ps").firstValue());
            assertThat(last).as(event.getRequest().getUrl()).isLessThanOrEqualTo(10_000);
        }
    }

    @Test
    void theCallersTypesChooseThePartitions() {
        String account = account("owner-rules-some");
        List<JsonNode> all = walk(account, "/actions/rules?page_size=500&types=VULNERABILITY,SECURITY_HOTSPOT");
        assertThat(all).hasSize(3_000);
        assertThat(EU.requests()).allSatisfy(request -> assertThat(request.queryParameter("types").firstValue())
                .isIn("VULNERABILITY", "SECURITY_HOTSPOT"));
    }

    private List<JsonNode> walk(String account, String query) {
        EU.reset();
        return walk(account, query, 99);
    }
}
