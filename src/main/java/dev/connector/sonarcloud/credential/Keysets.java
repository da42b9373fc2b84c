package dev.connector.sonarcloud.credential;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/** New Tink keysets for operators ({@code generate-keyset}) and the local launcher. */
public final class Keysets {

    private Keysets() {
    }

    /** A fresh AES-256-GCM keyset as Tink JSON. It is secret: store it like a password. */
    public static String generate() {
        try {
            AeadConfig.register();
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a keyset", e);
        }
    }
}
