package dev.connector.sonarcloud.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(allowPrivate, new WebhookProperties.Retry(Duration.ofSeconds(5), Duration.ofHours(1),
                Duration.ofHours(24)), Duration.ofSeconds(1), 16, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofDays(5), Duration.ofHours(24), 50, Duration.ofDays(30));
    }

    private final TargetGuard strict = new TargetGuard(properties(false));
    private final TargetGuard lenient = new TargetGuard(properties(true));

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/", "https://0.0.0.0/",
            "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://224.0.0.1/",
            "https://[64:ff9b::a9fe:a9fe]/", "https://198.18.0.1/", "https://255.255.255.255/"})
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.RefusedTarget.class)
                .hasMessageContaining("private, loopback, link-local or reserved");
        assertThat(lenient.check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/", "ftp://93.184.215.14/", "https:///nohost", "not a url", "",
            "https://user:pw@93.184.215.14/", "https://93.184.215.14/#frag"})
    void onlyHttpsUrlsWithAHostAreAccepted(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @Test
    void publicAddressesPassAndPlainHttpOnlyWithTheFlag() {
        assertThat(strict.check("https://93.184.215.14/hook")).isNotNull();
        assertThat(strict.check("https://[2606:4700::6810:84e5]/hook")).isNotNull();
        assertThat(lenient.check("http://127.0.0.1:8080/hook")).isNotNull();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        var retry = new WebhookProperties.Retry(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));
        assertThat(DeliveryWorker.backoff(1, retry, 0.0)).isEqualTo(Duration.ofMillis(2500));
        assertThat(DeliveryWorker.backoff(1, retry, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(DeliveryWorker.backoff(3, retry, 1.0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DeliveryWorker.backoff(20, retry, 1.0)).isEqualTo(Duration.ofHours(1));
        assertThat(DeliveryWorker.backoff(200, retry, 0.5)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
    }
}
