package dev.connector.sonarcloud.credential;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code connector.keyset} (a Tink JSON keyset) or {@code connector.keyset-file} (a file holding one), secret; and
 * {@code connector.keyset-check.interval}, how often readiness checks that the keyset opens the stored credentials.
 */
@ConfigurationProperties("connector")
public record KeysetProperties(String keyset, String keysetFile, @DefaultValue KeysetCheckSettings keysetCheck) {

    public record KeysetCheckSettings(@DefaultValue("60s") Duration interval) {
    }

    @Override
    public String toString() {
        return "KeysetProperties[hidden]";
    }
}
