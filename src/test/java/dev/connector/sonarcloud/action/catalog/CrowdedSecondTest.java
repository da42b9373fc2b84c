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
 * After the first analysis of a large project every issue carries the analysis date: 25,000 issues share one
 * creation second, more than SonarQube's 10,000-result window can reach. The walk partitions that second by rule
 * and still returns every issue exactly once, never asking past the 10,000th result. (An organization of its own:
 * the simulator is shared by every test class.)
 */
class CrowdedSecondTest extends IntegrationTest {

    private static final String ORG = "crowded-org";
    private static final String TOKEN = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";
    private static final String PROJECT = ORG + "_first-analysis";
    private static final int ISSUES = 25_000;
    private static boolean seeded;

    private static synchronized void seed() {
        if (!seeded) {
            EU.addOrganization(ORG, "Crowded");
            EU.addToken(TOKEN, "crowd.user", "Crowd User", ORG);
            EU.addProject(ORG, PROJECT, "First analysis");
            EU.seedIssuesInOneSecond(PROJECT, ISSUES);
            seeded = true;
        }
    }

    @Test
    void twentyFiveThousandIssuesOfOneSecondAreEachReturnedOnce() {
        for (int pageSize : List.of(500, 333)) {
            seed();
            String account = link(TOKEN, ORG, "eu", "owner-crowd-" + pageSize);
            List<JsonNode> all = walk(account, "/actions/issues?projects=" + PROJECT + "&page_size=" + pageSize);
            assertThat(all).hasSize(ISSUES);
            Set<String> keys = new HashSet<>();
            all.forEach(issue -> keys.add(issue.path("key").asString()));
            assertThat(keys).as("every issue once").hasSize(ISSUES);
            String prefix = all.getFirst().path("key").asString().split("-")[0];
            assertThat(keys).contains(prefix + "-issue-000001", prefix + "-issue-025000");
            Map<String, Integer> byRule = new TreeMap<>();
            all.forEach(issue -> byRule.merge(issue.path("rule").asString(), 1, Integer::sum));
            assertThat(byRule.values()).allSatisfy(count -> assertThat(count).isEqualTo(ISSUES / 4));
            for (ServeEvent event : EU.server().getAllServeEvents()) {
                assertThat(event.getResponse().getStatus()).as(event.getRequest().getUrl()).isEqualTo(200);
                var p = event.getRequest().queryParameter("p");
                var ps = event.getRequest().queryParameter("ps");
                if (p.isPresent() && ps.isPresent()) {
                    assertThat(Long.parseLong(p.firstValue()) * Long.parseLong(ps.firstValue()))
                            .as(event.getRequest().getUrl()).isLessThanOrEqualTo(10_000);
                }
            }
            // the second was split by rule
            assertThat(EU.requests()).anySatisfy(request -> assertThat(request.getUrl()).contains("facets=rules"));
        }
    }

    private List<JsonNode> walk(String account, String query) {
        EU.reset();
        return walk(account, query, 199);
    }
}
