package dev.connector.sonarcloud.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code connector.notifications.*}: how often a lost account-change notification connection is reopened. */
@ConfigurationProperties("connector.notifications")
public record NotificationProperties(@DefaultValue("1s") Duration reconnectDelay) {
}
