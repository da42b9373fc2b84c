package dev.connector.sonarcloud.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Test-only secrets: API keys (the service only ever sees their hashes) and a fresh Tink keyset. */
public final class TestKeys {

    /** Project A, every scope. */
    public static final String FULL = "test-key-project-a-full-0123456789";
    /** Project B, every scope: must never see project A's accounts. */
    public static final String OTHER_PROJECT = "test-key-project-b-full-0123456789";
    /** Project A, read-only actions and accounts. */
    public static final String READ_ONLY = "test-key-project-a-readonly-012345";
    /** Project A, no scope at all. */
    public static final String NO_SCOPE = "test-key-project-a-noscope-0123456";
    /** Project A, connect only (what a Hub backend needs). */
    public static final String CONNECT_ONLY = "test-key-project-a-connect-0123456";

    public static final String ALL_SCOPES = "connect,accounts,actions:read,actions:write,admin,webhooks";

    private TestKeys() {
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newKeyset() {
        return dev.connector.sonarcloud.credential.Keysets.generate();
    }
}
