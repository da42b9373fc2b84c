package dev.connector.sonarcloud.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings ({@code connector.webhooks.*}; application.yml maps the documented
 * {@code CONNECTOR_WEBHOOKS_*} variables onto them).
 */
@ConfigurationProperties("connector.webhooks")
public record WebhookProperties(
        /* http and private, loopback, link-local targets: only for tests and local development */
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue Retry retry,
        /* how often an idle worker looks for due deliveries */
        @DefaultValue("1s") Duration pollInterval,
        /* deliveries one worker claims (and sends in parallel) per round */
        @DefaultValue("16") int batchSize,
        @DefaultValue("5s") Duration connectTimeout,
        /* the whole answer must arrive within this */
        @DefaultValue("10s") Duration responseTimeout,
        /* an endpoint whose every delivery failed for this long is disabled */
        @DefaultValue("5d") Duration disableAfter,
        /* after rotate_secret the previous secret keeps signing this long */
        @DefaultValue("24h") Duration secretRotationGrace,
        @DefaultValue("50") int maxPerProject,
        /* how long events and their delivery log are kept once no delivery is pending */
        @DefaultValue("30d") Duration retention) {

    public record Retry(@DefaultValue("5s") Duration initialDelay, @DefaultValue("1h") Duration maxDelay,
                        @DefaultValue("24h") Duration maxAge) {
    }
}
