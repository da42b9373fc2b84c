package dev.connector.sonarcloud.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code connector.shutdown.*}: how long readiness is down before the server stops accepting. */
@ConfigurationProperties("connector.shutdown")
public record ShutdownProperties(@DefaultValue("5s") Duration readinessDelay) {
}
