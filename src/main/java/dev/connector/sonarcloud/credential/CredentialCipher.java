package dev.connector.sonarcloud.credential;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Encrypts credentials with Tink AEAD (AES-256-GCM). The associated data names the project and the account,
 * so a ciphertext only decrypts on the row it was written for. Ciphertexts carry Tink's 5-byte prefix, whose
 * last four bytes are the id of the key that wrote them: that is how rows still on an old key are found.
 */
public class CredentialCipher {

    private static final String AAD_PREFIX = "sonarcloud-connector/credential/v1|";

    private final Aead aead;
    private final long primaryKeyId;
    private final Set<Long> keyIds;

    public CredentialCipher(String keysetJson) {
        try {
            AeadConfig.register();
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
            Set<Long> ids = new TreeSet<>();
            for (int i = 0; i < handle.size(); i++) {
                ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
            }
            this.keyIds = Collections.unmodifiableSet(ids);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the keyset is secret: never echo it, nor the parser's message which may quote it
            throw new IllegalStateException("The credential keyset (CONNECTOR_KEYSET / CONNECTOR_KEYSET_FILE) is not a valid Tink AEAD keyset", null);
        }
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** The ids of every key in the keyset (the numbers {@link #keyId} reads from ciphertexts). */
    public Set<Long> keyIds() {
        return keyIds;
    }

    public byte[] encrypt(String token, String project, UUID accountId) {
        try {
            return aead.encrypt(token.getBytes(StandardCharsets.UTF_8), associatedData(project, accountId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential encryption failed");
        }
    }

    /** Throws {@link CredentialUnreadableException} when the ciphertext does not belong to this row or key. */
    public String decrypt(byte[] ciphertext, String project, UUID accountId) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(project, accountId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CredentialUnreadableException();
        }
    }

    /** The id of the key that wrote this ciphertext (Tink output prefix). */
    public static long keyId(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    private static byte[] associatedData(String project, UUID accountId) {
        return (AAD_PREFIX + project + "|" + accountId).getBytes(StandardCharsets.UTF_8);
    }
}
