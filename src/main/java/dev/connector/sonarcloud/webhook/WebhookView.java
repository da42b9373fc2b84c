package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.event.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A subscription as callers see it; never a secret (only the answers that create or rotate one show it). */
public record WebhookView(String id, String url, List<String> events, boolean enabled, String description,
                          String disabledReason, Instant createdAt, Instant updatedAt) {

    public static WebhookView of(Webhook w) {
        return new WebhookView(w.id().toString(), w.url(), w.events().stream().map(EventType::wireName).toList(),
                w.enabled(), w.description(), w.disabledReason(), seconds(w.createdAt()), seconds(w.updatedAt()));
    }

    /** The answer to POST /webhooks and rotate_secret: the subscription and its new secret, shown this once. */
    public record WithSecret(String id, String url, List<String> events, boolean enabled, String description,
                             String disabledReason, Instant createdAt, Instant updatedAt, String secret,
                             Instant previousSecretExpiresAt) {

        static WithSecret of(Webhook w, String secret, Instant previousSecretExpiresAt) {
            WebhookView v = WebhookView.of(w);
            return new WithSecret(v.id(), v.url(), v.events(), v.enabled(), v.description(), v.disabledReason(),
                    v.createdAt(), v.updatedAt(), secret, seconds(previousSecretExpiresAt));
        }

        @Override
        public String toString() {
            return "WebhookView.WithSecret[id=" + id + "]";
        }
    }

    public record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
                               Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id().toString(), d.eventId().toString(), d.eventType(), d.status(), d.attempts(),
                    d.lastStatusCode(), d.lastError(), Delivery.PENDING.equals(d.status()) ? seconds(d.nextAttemptAt()) : null,
                    seconds(d.createdAt()));
        }
    }

    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
