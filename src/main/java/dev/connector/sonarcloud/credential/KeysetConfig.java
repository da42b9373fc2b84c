package dev.connector.sonarcloud.credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operator's keyset: {@code CONNECTOR_KEYSET} (JSON) or {@code CONNECTOR_KEYSET_FILE}. No keyset, no start. */
@Configuration
public class KeysetConfig {

    @Bean
    CredentialCipher credentialCipher(@Value("${connector.keyset:}") String keyset,
                                      @Value("${connector.keyset-file:}") String keysetFile) throws IOException {
        if (!keyset.isBlank()) {
            return new CredentialCipher(keyset);
        }
        if (!keysetFile.isBlank()) {
            return new CredentialCipher(Files.readString(Path.of(keysetFile)));
        }
        throw new IllegalStateException("No credential keyset: set CONNECTOR_KEYSET (Tink JSON keyset) or "
                + "CONNECTOR_KEYSET_FILE (path to one). See README, 'Credential encryption'.");
    }
}
