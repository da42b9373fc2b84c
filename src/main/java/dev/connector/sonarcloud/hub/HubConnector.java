package dev.connector.sonarcloud.hub;

import dev.connector.sonarcloud.account.AccountView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SonarQube Cloud connector as the Hub shows it: its listing and its form (StackOne's form definition, which the
 * {@code @stackone/hub} web component renders and the hosted page at {@code /hub/connect} renders too).
 */
final class HubConnector {

    static final String INTEGRATION_ID = AccountView.PROVIDER;
    static final String AUTH_CONFIG_KEY = "api_key";
    static final String ENVIRONMENT = "production";
    static final String VERSION = "1.0.0";
    static final String TOKEN_HELP_URL = "https://sonarcloud.io/account/security";
    static final String GUIDE_URL = "https://docs.sonarsource.com/sonarqube-cloud/managing-your-account/managing-tokens/";

    private HubConnector() {
    }

    static Map<String, Object> integration(String logoUrl) {
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("integration_id", INTEGRATION_ID);
        integration.put("provider", AccountView.PROVIDER);
        integration.put("name", AccountView.PROVIDER_NAME);
        integration.put("logo_url", logoUrl);
        integration.put("type", AccountView.CATEGORY);
        integration.put("version", VERSION);
        integration.put("active", true);
        integration.put("authentication_config_key", AUTH_CONFIG_KEY);
        integration.put("environment", ENVIRONMENT);
        return integration;
    }

    /** StackOne's form definition ("form A": authentication → config key → environment → fields and guide). */
    static Map<String, Object> config(String logoUrl) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", "custom");
        form.put("fields", fields());
        form.put("guide", Map.of("supportLink", GUIDE_URL, "description", "Connection guide: create a Personal Access "
                + "Token in SonarQube Cloud (My Account → Security), copy your organization's key, and pick the region "
                + "where your organization lives."));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("key", INTEGRATION_ID);
        config.put("name", AccountView.PROVIDER_NAME);
        config.put("assets", Map.of("icon", logoUrl));
        config.put("authentication", Map.of(AUTH_CONFIG_KEY, Map.of(ENVIRONMENT, form)));
        return Map.of("config", config);
    }

    static List<Map<String, Object>> fields() {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("key", "personal_access_token");
        token.put("label", "Personal Access Token");
        token.put("type", "password");
        token.put("required", true);
        token.put("secret", true);
        token.put("placeholder", "40 characters, 0-9 and a-f");
        token.put("description", "Create it in SonarQube Cloud under My Account → Security → Generate Tokens ("
                + TOKEN_HELP_URL + "). It is 40 characters long. It expires 60 days after it was last used: "
                + "if it goes unused that long, connect again with a new token.");
        token.put("validation", Map.of("type", "html-pattern", "pattern", "^\\s*[0-9a-fA-F]{40}\\s*$",
                "error", "A Personal Access Token is 40 characters, digits 0-9 and letters a-f"));
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("key", "organization_key");
        organization.put("label", "Organization Key");
        organization.put("type", "text");
        organization.put("required", true);
        organization.put("secret", false);
        organization.put("placeholder", "my-organization");
        organization.put("description", "Find it in SonarQube Cloud on your organization's page: it is the part after "
                + "/organizations/ in the address (for example sonarcloud.io/organizations/my-organization), also shown "
                + "under Administration → Organization settings.");
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("key", "region");
        region.put("label", "Region");
        region.put("type", "select");
        region.put("required", false);
        region.put("secret", false);
        region.put("value", "eu");
        region.put("description", "Where your organization lives: EU if you sign in at sonarcloud.io, US if you sign "
                + "in at sonarqube.us. EU when not chosen.");
        region.put("options", List.of(Map.of("value", "eu", "label", "EU (sonarcloud.io)"),
                Map.of("value", "us", "label", "US (sonarqube.us)")));
        return List.of(token, organization, region);
    }
}
