package dev.connector.sonarcloud.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the proxy refuses even though the path is well-formed and the token could do it. */
class ProxyRulesTest extends IntegrationTest {

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    private Api.Response proxy(String method, String path, Map<String, Object> query, Map<String, Object> body) {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("method", method);
        request.put("path", path);
        if (query != null) {
            request.put("query", query);
        }
        if (body != null) {
            request.put("body", body);
        }
        return full().account(account).post("/actions/proxy", request);
    }

    @Test
    void m7_tokenManagementAndOtherCredentialEndpointsAreRefused() {
        for (String path : List.of("api/user_tokens/generate", "api/user_tokens/revoke", "api/user_tokens/search",
                "/api/user_tokens/search", "API/User_Tokens/generate", "api/user_tokens", "api/authentication/login",
                "api/authentication/logout", "api/users/change_password", "api/alm_settings/list",
                "api/alm_integrations/list_azure_projects")) {
            Api.Response response = proxy(path.contains("search") || path.contains("list") ? "GET" : "POST", path,
                    null, path.contains("generate") ? Map.of("name", "backdoor") : null);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(403);
            assertThat(response.json().path("code").asString()).isEqualTo("forbidden");
        }
        assertThat(EU.requestCount()).as("upstream calls").isZero();
        // the rest of the API still passes
        assertThat(proxy("GET", "api/authentication/validate", null, null).status()).isEqualTo(200);
    }

    @Test
    void l6_organizationParametersMustNameTheLinkedOrganization() {
        Api.Response other = proxy("GET", "api/projects/search", Map.of("organization", "other-org"), null);
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        Api.Response list = proxy("GET", "api/organizations/search", Map.of("organizations", List.of("my-org", "other-org")), null);
        assertThat(list.status()).isEqualTo(403);
        Api.Response form = proxy("POST", "api/webhooks/create", null, Map.of("organization", "other-org", "name", "h",
                "url", "https://example.com/h"));
        assertThat(form.status()).isEqualTo(403);
        assertThat(EU.requestCount()).as("upstream calls").isZero();
        Api.Response own = proxy("GET", "api/projects/search", Map.of("organization", "my-org"), null);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }
}
