package dev.connector.sonarcloud.connect;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.account.AccountView;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import dev.connector.sonarcloud.web.WebProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plain HTML {@code <form method="post" action="/connect">}: the session token as a field, HTML back. */
class ConnectFormPageTest extends IntegrationTest {

    /** What a browser sends when it submits a form (navigation). */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private String sessionToken() {
        Api.Response session = api().as(TestKeys.CONNECT_ONLY).post("/connect_sessions",
                Map.of("origin_owner_id", "user-7", "origin_owner_name", "Grace"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return session.json().path("token").asString();
    }

    @Test
    void formWithTheSessionTokenAsAFieldLinksAndAnswersAPage() {
        String token = sessionToken();
        Api.Response page = api().header("Accept", BROWSER_ACCEPT).postForm("/connect", Map.of(
                "session_token", token, "personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(page.status()).as(page.toString()).isEqualTo(201);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("account linked").contains(EU_ORG).doesNotContain(EU_TOKEN).doesNotContain(token);
        assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'none'");
        assertThat(jdbc.sql("select origin_owner_id from linked_account").query(String.class).list()).containsExactly("user-7");
    }

    @Test
    void aScriptPostingTheFieldStillGetsJson() {
        Api.Response json = api().postForm("/connect", Map.of(
                "session_token", sessionToken(), "personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(json.status()).as(json.toString()).isEqualTo(201);
        assertThat(json.json().path("origin_owner_id").asString()).isEqualTo("user-7");
    }

    @Test
    void failuresOfABrowserFormPostAreHtmlPagesToo() {
        Api.Response badToken = api().header("Accept", BROWSER_ACCEPT).postForm("/connect", Map.of(
                "session_token", sessionToken(), "personal_access_token", UNKNOWN_TOKEN, "organization_key", EU_ORG));
        assertThat(badToken.status()).isEqualTo(422);
        assertThat(badToken.contentType()).startsWith("text/html");
        assertThat(badToken.text()).contains("could not be linked").doesNotContain(UNKNOWN_TOKEN);

        Api.Response noSession = api().header("Accept", BROWSER_ACCEPT).postForm("/connect", Map.of(
                "personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.contentType()).startsWith("text/html");

        Api.Response unknownSession = api().header("Accept", BROWSER_ACCEPT).postForm("/connect", Map.of(
                "session_token", "not-a-session", "personal_access_token", EU_TOKEN, "organization_key", EU_ORG));
        assertThat(unknownSession.status()).isEqualTo(401);
        assertThat(unknownSession.text()).contains("could not be linked");
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isZero();
    }

    @Test
    void withAReturnUrlTheBrowserIsSentBack() {
        ConnectPage page = new ConnectPage(new WebProperties(65_536, java.time.Duration.ofSeconds(10),
                new WebProperties.Hub(List.of(), "https://hub.example.com/sonar/done?x=1")));
        AccountView account = new AccountView("6f1c0e2a-1111-4222-8333-944445555666", "sonarcloud", "SonarQube Cloud", "active", List.of(),
                "u", "U", null, null, new AccountView.SetupInformation("my-org", "eu", "jdoe", "J"), null, null, null, null);
        var linked = page.linked(account, true);
        assertThat(linked.getStatusCode().value()).isEqualTo(303);
        assertThat(linked.getHeaders().getLocation()).hasToString(
                "https://hub.example.com/sonar/done?x=1&status=linked&account_id=6f1c0e2a-1111-4222-8333-944445555666");
        var failed = page.failed(ApiException.of(ErrorCode.INVALID_CREDENTIALS, "no"));
        assertThat(failed.getStatusCode().value()).isEqualTo(303);
        assertThat(failed.getHeaders().getLocation()).hasToString(
                "https://hub.example.com/sonar/done?x=1&status=error&code=invalid_credentials");
    }
}
