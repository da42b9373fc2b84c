package dev.connector.sonarcloud.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connector.sonarcloud.support.TestKeys;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeysTest {

    @Test
    void theHashOfAnEmptyKeyIsRefusedAtStartUp() {
        // printf '%s' "$MY_API_KEY" | sha256sum with the variable unset
        ApiKeyProperties unset = new ApiKeyProperties(List.of(new ApiKeyProperties.ApiKey("my-project", TestKeys.sha256(""),
                Set.of("connect"))));
        assertThatThrownBy(() -> new ApiKeys(unset)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHA-256 of an empty key").hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void noKeyAtAllIsWarnedAboutLoudly(CapturedOutput output) {
        ApiKeys keys = new ApiKeys(new ApiKeyProperties(List.of()));
        assertThat(keys.match("anything")).isNull();
        assertThat(output.getAll()).contains("NO API KEY IS CONFIGURED").contains("openssl rand -hex 32");
    }

    @Test
    void aRealKeyStillMatches() {
        ApiKeys keys = new ApiKeys(new ApiKeyProperties(List.of(new ApiKeyProperties.ApiKey("p", TestKeys.sha256("k-1"),
                Set.of("admin")))));
        assertThat(keys.match("k-1").project()).isEqualTo("p");
        assertThat(keys.match("")).isNull();
    }
}
