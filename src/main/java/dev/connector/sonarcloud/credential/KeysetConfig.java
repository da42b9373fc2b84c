package dev.connector.sonarcloud.credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operator's keyset: {@code CONNECTOR_KEYSET} (JSON) or {@code CONNECTOR_KEYSET_FILE}. No keyset, no start. */
@Configuration
public class KeysetConfig {

    /** The keyset's JSON text. Secret: only the cipher and the cursor signer read it. */
    public record KeysetJson(String json) {
        @Override
        public String toString() {
            return "KeysetJson[hidden]";
        }
    }

    @Bean
    KeysetJson keysetJson(KeysetProperties properties) throws IOException {
        String keyset = properties.keyset() == null ? "" : properties.keyset();
        String keysetFile = properties.keysetFile() == null ? "" : properties.keysetFile();
        String json = !keyset.isBlank() ? keyset : !keysetFile.isBlank() ? Files.readString(Path.of(keysetFile)) : "";
        if (json.isBlank()) {
            throw new IllegalStateException("No credential keyset: set CONNECTOR_KEYSET (a Tink JSON keyset) or "
                    + "CONNECTOR_KEYSET_FILE (a file holding one); make one with "
                    + "'java -jar sonarcloud-connector.jar generate-keyset'. See README, 'Credential encryption'.");
        }
        return new KeysetJson(json);
    }

    /** The readiness component {@code keyset}. */
    @Bean("keyset")
    KeysetCheck keysetCheck(JdbcClient jdbc, CredentialCipher cipher, KeysetProperties properties) {
        return new KeysetCheck(jdbc, cipher, properties.keysetCheck().interval());
    }

    @Bean
    CredentialCipher credentialCipher(KeysetJson keyset) {
        return new CredentialCipher(keyset.json());
    }
}
