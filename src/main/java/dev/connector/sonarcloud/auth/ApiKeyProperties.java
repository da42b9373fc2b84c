package dev.connector.sonarcloud.auth;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Caller API keys, configured as {@code CONNECTOR_API_KEYS_<n>_PROJECT}, {@code _KEY_SHA256} (lowercase hex
 * SHA-256 of the key's UTF-8 bytes) and {@code _SCOPES} (comma separated). The keys themselves never appear here.
 */
@ConfigurationProperties("connector")
public record ApiKeyProperties(List<ApiKey> apiKeys) {

    public ApiKeyProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    public record ApiKey(String project, String keySha256, Set<String> scopes) {
    }
}
