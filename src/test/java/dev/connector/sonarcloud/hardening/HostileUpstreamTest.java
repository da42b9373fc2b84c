package dev.connector.sonarcloud.hardening;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connector.sonarcloud.sonar.AccountRateLimits;
import dev.connector.sonarcloud.sonar.HttpClientConfig;
import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.sonar.RegionGuards;
import dev.connector.sonarcloud.sonar.RegionProperties;
import dev.connector.sonarcloud.sonar.SonarClient;
import dev.connector.sonarcloud.sonar.SonarErrors;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.sonar.UpstreamProperties;
import dev.connector.sonarcloud.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.annotation.Autowired;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's hostile modes against the service: huge bodies, a gzip bomb, a trickle, redirects, error bodies
 * that are huge or echo the Authorization header, HTML where JSON belongs. Test settings: attempt timeout 2 s,
 * deadline 5 s; the response cap is the default 6 MB.
 */
class HostileUpstreamTest extends IntegrationTest {

    private static final String PROJECTS = "/api/components/search";

    private String account;

    @Autowired
    CloseableHttpClient sonarHttpClient;
    @Autowired
    HttpClientConfig.SonarUserAgent sonarUserAgent;
    @Autowired
    UpstreamProperties upstream;
    @Autowired
    RegionGuards guards;
    @Autowired
    AccountRateLimits rateLimits;
    @Autowired
    SonarErrors sonarErrors;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    private Api.Response projects(String query) {
        return full().account(account).get("/actions/projects" + query);
    }

    /** The heap bound of the same cases is measured on a 256 MB service of its own: {@link ServiceHeapTest}. */
    @Test
    void h4_hugeBodiesAndAGzipBombAre502ResponseTooLarge() throws Exception {
        EU.hugeBody(PROJECTS, "components", 50 << 20);
        assertTooLarge(projects("?page_size=1"));
        EU.reset();
        EU.gzipBomb(PROJECTS);
        List<CompletableFuture<Api.Response>> bombs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bombs.add(CompletableFuture.supplyAsync(() -> projects("?page_size=1")));
        }
        for (CompletableFuture<Api.Response> bomb : bombs) {
            assertTooLarge(bomb.get());
        }
        // oversized answers are the tenant's content, not a regional outage: the breaker stays closed
        assertThat(breakers.circuitBreaker("sonar-eu:project-a").getState().name()).isEqualTo("CLOSED");
        EU.reset();
        assertThat(projects("").status()).isEqualTo(200);
    }

    private static void assertTooLarge(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("response_too_large");
        assertThat(response.json().path("detail").asString()).contains("larger than 6 MB");
    }

    @Test
    void h4_listsNeverAnswerMoreItemsThanPageSize() {
        StringBuilder components = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            components.append(i == 0 ? "" : ",").append("{\"key\":\"my-org_p").append(i)
                    .append("\",\"name\":\"P\",\"qualifier\":\"TRK\"}");
        }
        EU.answer("GET", PROJECTS, 200, "{\"paging\":{\"pageIndex\":1,\"pageSize\":2,\"total\":7},\"components\":["
                + components + "]}");
        Api.Response page = projects("?page_size=2");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().path("data").size()).isEqualTo(2);
        assertThat(page.json().path("next").isString()).isTrue();
    }

    @Test
    void m8_hugeUpstreamErrorBodiesAreCutNotRepeated() {
        EU.hugeError(PROJECTS, 400, 5 << 20);
        Api.Response response = projects("");
        assertThat(response.status()).as(response.text().substring(0, 200)).isEqualTo(400);
        assertThat(response.text().length()).as("problem document size").isLessThan(8_000);
        assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void m8_upstreamErrorsEchoingTheAuthorizationHeaderDoNotLeakTheToken() {
        EU.echoAuthorization(PROJECTS, 400);
        Api.Response response = projects("");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).doesNotContain(EU_TOKEN).contains("[REDACTED]");
        Api.Response proxied = full().account(account).post("/actions/proxy", java.util.Map.of("path", PROJECTS.substring(1),
                "query", java.util.Map.of("organization", "my-org")));
        assertThat(proxied.text()).doesNotContain(EU_TOKEN);
    }

    @Test
    void m9_aTricklingUpstreamIsCutAtTheRequestDeadline() throws Exception {
        // headers at once, then a byte every 500 ms: no single read ever waits long enough to time out
        try (TrickleServer trickle = new TrickleServer(60, Duration.ofMillis(500))) {
            URI url = URI.create("http://127.0.0.1:" + trickle.port());
            SonarClient client = new SonarClient(sonarHttpClient, sonarUserAgent, new RegionProperties(
                    new RegionProperties.Endpoints(url, url), new RegionProperties.Endpoints(url, url)),
                    upstream, guards, rateLimits, sonarErrors, meters);
            long start = System.nanoTime();
            ApiException error = catchThrowableOfType(ApiException.class, () -> client.execute(
                    client.call(Region.EU, EU_TOKEN, null), SonarRequest.get("api/components/search", null)));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(error).as("a trickle of 30 s must not succeed").isNotNull();
            assertThat(error.status()).isEqualTo(504);
            assertThat(error.code()).isEqualTo("provider_timeout");
            assertThat(seconds).as("answered after (s), deadline 5 s").isLessThan(7);
        }
    }

    @Test
    void l7_anUpstreamRedirectIs502NotAnEmptySuccess() {
        EU.redirect(PROJECTS, 302, "https://evil.example.com/api/components/search");
        assertProviderError(projects(""), "redirect");
        EU.reset();
        EU.redirect(PROJECTS, 301, "/elsewhere");
        assertProviderError(projects(""), "redirect");
    }

    @Test
    void hostile_htmlWhereJsonBelongsIs502() {
        EU.wrongContentType(PROJECTS);
        assertProviderError(projects(""), "not valid JSON");
    }

    private static void assertProviderError(Api.Response response, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
