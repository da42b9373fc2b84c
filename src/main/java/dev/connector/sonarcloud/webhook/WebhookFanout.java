package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.event.AccountEvent;
import dev.connector.sonarcloud.event.EventSink;
import org.springframework.stereotype.Component;

/** Queues a delivery of each new event for every subscribed webhook, in the event's own transaction. */
@Component
class WebhookFanout implements EventSink {

    private final WebhookRepository repository;

    WebhookFanout(WebhookRepository repository) {
        this.repository = repository;
    }

    @Override
    public void accept(AccountEvent event) {
        repository.enqueueForSubscribers(event.project(), event.id(), event.type().wireName(),
                event.accountId() != null ? event.accountId() : event.id(), event.createdAt());
    }
}
