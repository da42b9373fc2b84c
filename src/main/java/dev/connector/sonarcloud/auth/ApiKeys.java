package dev.connector.sonarcloud.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Matches a presented key against the configured SHA-256 hashes, in constant time over all of them. */
@Component
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    /** What {@code printf '%s' "$UNSET_VARIABLE" | sha256sum} gives: a key nobody can present. */
    static final String EMPTY_KEY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private record Entry(byte[] hash, Caller caller) {
    }

    private final List<Entry> entries;

    public ApiKeys(ApiKeyProperties properties) {
        this.entries = properties.apiKeys().stream().map(ApiKeys::entry).toList();
        if (entries.isEmpty()) {
            log.warn("NO API KEY IS CONFIGURED: every request except health and /openapi.yaml will be refused (401). "
                    + "Make a key with 'openssl rand -hex 32' and set CONNECTOR_API_KEYS_0_PROJECT, "
                    + "CONNECTOR_API_KEYS_0_KEY_SHA256 (its SHA-256) and CONNECTOR_API_KEYS_0_SCOPES; see README.");
        }
    }

    private static Entry entry(ApiKeyProperties.ApiKey key) {
        if (key.project() == null || key.project().isBlank()) {
            throw new IllegalStateException("connector.api-keys: every key needs a project");
        }
        String hex = key.keySha256() == null ? "" : key.keySha256().trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("connector.api-keys (project " + key.project()
                    + "): key-sha256 must be 64 lowercase hex characters");
        }
        if (hex.equals(EMPTY_KEY_SHA256)) {
            throw new IllegalStateException("connector.api-keys (project " + key.project()
                    + "): key-sha256 is the SHA-256 of an empty key (was the variable holding the key unset?); "
                    + "make a key with 'openssl rand -hex 32' and configure its SHA-256");
        }
        Set<Scope> scopes = key.scopes() == null ? Set.of() : key.scopes().stream().map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Scope.parse(s).orElseThrow(() -> new IllegalStateException("connector.api-keys (project "
                        + key.project() + "): unknown scope '" + s + "'; known: " + Arrays.toString(Scope.values()))))
                .collect(Collectors.toUnmodifiableSet());
        return new Entry(HexFormat.of().parseHex(hex), new Caller(key.project(), scopes));
    }

    /** The caller for this key, or null. Every configured hash is compared, so timing tells nothing. */
    public Caller match(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return null;
        }
        byte[] hash = sha256(presentedKey);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
                found = entry.caller();
            }
        }
        return found;
    }

    private static final MessageDigest SHA256_PROTOTYPE;

    static {
        try {
            SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the text's UTF-8 bytes (a clone of one digest: getInstance per call costs more than hashing). */
    public static byte[] sha256(String text) {
        try {
            return ((MessageDigest) SHA256_PROTOTYPE.clone()).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
