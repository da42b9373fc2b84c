package dev.connector.sonarcloud.credential;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code connector.keyset} (a Tink JSON keyset) or {@code connector.keyset-file} (a file holding one). Secret. */
@ConfigurationProperties("connector")
public record KeysetProperties(String keyset, String keysetFile) {

    @Override
    public String toString() {
        return "KeysetProperties[hidden]";
    }
}
