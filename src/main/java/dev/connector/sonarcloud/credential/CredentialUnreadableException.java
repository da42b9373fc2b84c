package dev.connector.sonarcloud.credential;

/** A stored ciphertext that no key of the keyset opens for this row (moved, tampered, or its key was removed). */
public class CredentialUnreadableException extends RuntimeException {

    public CredentialUnreadableException() {
        super("The stored credential cannot be decrypted", null, false, false);
    }
}
