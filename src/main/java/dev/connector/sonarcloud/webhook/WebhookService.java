package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.credential.CredentialCipher;
import dev.connector.sonarcloud.event.AccountEvent;
import dev.connector.sonarcloud.event.AccountEvents;
import dev.connector.sonarcloud.event.EventType;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions: create (secret shown once), change, delete, rotate the secret with a grace period, send a test
 * ping, read the delivery log and replay a delivery. Secrets are stored Tink-encrypted, bound to the webhook's row.
 */
@Service
public class WebhookService {

    private final WebhookRepository repository;
    private final CredentialCipher cipher;
    private final TargetGuard guard;
    private final AccountEvents events;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final Clock clock = Clock.systemUTC();

    public WebhookService(WebhookRepository repository, CredentialCipher cipher, TargetGuard guard, AccountEvents events,
                          TransactionTemplate transactions, WebhookProperties properties) {
        this.repository = repository;
        this.cipher = cipher;
        this.guard = guard;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** A create or a patch: absent fields keep their value (a create requires url and events). */
    public record Request(String url, List<String> events, Boolean enabled, String description) {
    }

    public WebhookView.WithSecret create(String project, Request request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (request.url() == null) {
            errors.add(new ApiException.FieldError("url", "is required"));
        }
        if (request.events() == null) {
            errors.add(new ApiException.FieldError("events", "is required"));
        }
        List<EventType> types = validate(request, errors);
        Instant now = clock.instant();
        Webhook webhook = new Webhook(UUID.randomUUID(), project, request.url(), types,
                request.enabled() == null || request.enabled(), request.description(), null, null, now, now);
        String secret = Signatures.newSecret();
        transactions.executeWithoutResult(status -> {
            if (repository.count(project) >= properties.maxPerProject()) {
                throw ApiException.validation("url", "a project has at most " + properties.maxPerProject() + " webhooks");
            }
            repository.insert(webhook, cipher.encrypt(secret, project, webhook.id()));
        });
        return WebhookView.WithSecret.of(webhook, secret, null);
    }

    public List<Webhook> list(String project) {
        return repository.list(project);
    }

    public Webhook get(String project, UUID id) {
        return repository.find(project, id).orElseThrow(() -> ApiException.notFound("No such webhook"));
    }

    public Webhook update(String project, UUID id, Request request) {
        List<EventType> types = validate(request, new ArrayList<>());
        return transactions.execute(status -> {
            Webhook current = repository.lock(project, id).orElseThrow(() -> ApiException.notFound("No such webhook"));
            boolean enabled = request.enabled() != null ? request.enabled() : current.enabled();
            boolean reEnabled = enabled && !current.enabled();
            Webhook updated = new Webhook(current.id(), project, request.url() != null ? request.url() : current.url(),
                    types != null ? types : current.events(), enabled,
                    request.description() != null ? request.description() : current.description(),
                    reEnabled ? null : current.disabledReason(), reEnabled ? null : current.failingSince(),
                    current.createdAt(), clock.instant());
            repository.update(updated);
            return updated;
        });
    }

    public void delete(String project, UUID id) {
        if (!repository.delete(project, id)) {
            throw ApiException.notFound("No such webhook");
        }
    }

    /** A new secret; the previous one keeps signing (a second signature) for the grace period. */
    public WebhookView.WithSecret rotateSecret(String project, UUID id) {
        String secret = Signatures.newSecret();
        Instant now = clock.instant();
        Instant previousExpiresAt = now.plus(properties.secretRotationGrace());
        Webhook webhook = transactions.execute(status -> {
            Webhook current = repository.lock(project, id).orElseThrow(() -> ApiException.notFound("No such webhook"));
            repository.rotateSecret(id, cipher.encrypt(secret, project, id), previousExpiresAt, now);
            return current;
        });
        return WebhookView.WithSecret.of(get(project, webhook.id()), secret, previousExpiresAt);
    }

    /** Queues a {@code ping} event for this webhook only. */
    public Delivery test(String project, UUID id) {
        return transactions.execute(status -> {
            Webhook webhook = get(project, id);
            AccountEvent ping = events.write(EventType.PING, project, null, Map.of("webhook_id", webhook.id().toString()));
            UUID deliveryId = repository.enqueue(webhook.id(), ping.id(), null, ping.createdAt());
            return repository.findDelivery(webhook.id(), deliveryId).orElseThrow();
        });
    }

    public List<Delivery> deliveries(String project, UUID id, String status, Long beforeSeq, int limit) {
        get(project, id);
        return repository.deliveries(id, status, beforeSeq, limit);
    }

    /** Sends the same event (same webhook-id) again, as a new delivery after the account's other pending ones. */
    public Delivery replay(String project, UUID id, UUID deliveryId) {
        return transactions.execute(status -> {
            get(project, id);
            Delivery original = repository.findDelivery(id, deliveryId)
                    .orElseThrow(() -> ApiException.notFound("No such delivery"));
            UUID replayId = repository.enqueue(id, original.eventId(), repository.orderingKey(deliveryId), clock.instant());
            return repository.findDelivery(id, replayId).orElseThrow();
        });
    }

    /** The secrets that sign a delivery now: the current one, then the previous one during its grace period. */
    List<String> signingSecrets(String project, UUID id, WebhookRepository.Secrets secrets, Instant now) {
        List<String> result = new ArrayList<>(2);
        result.add(cipher.decrypt(secrets.current(), project, id));
        if (secrets.previous() != null && secrets.previousExpiresAt() != null && now.isBefore(secrets.previousExpiresAt())) {
            result.add(cipher.decrypt(secrets.previous(), project, id));
        }
        return result;
    }

    /** Checks the fields present; answers the event types when given. */
    private List<EventType> validate(Request request, List<ApiException.FieldError> errors) {
        if (request.url() != null) {
            try {
                guard.check(request.url());
            } catch (TargetGuard.RefusedTarget e) {
                errors.add(new ApiException.FieldError("url", e.getMessage()));
            }
        }
        List<EventType> types = null;
        if (request.events() != null) {
            Set<EventType> chosen = new LinkedHashSet<>();
            for (String name : request.events()) {
                var type = EventType.fromWireName(name).filter(EventType::subscribable);
                if (type.isEmpty()) {
                    errors.add(new ApiException.FieldError("events", "unknown event type '" + name + "'; known: "
                            + subscribableNames()));
                } else {
                    chosen.add(type.get());
                }
            }
            if (request.events().isEmpty()) {
                errors.add(new ApiException.FieldError("events", "must name at least one event type: " + subscribableNames()));
            }
            types = List.copyOf(chosen);
        }
        if (request.description() != null && (request.description().length() > 255
                || request.description().chars().anyMatch(Character::isISOControl))) {
            errors.add(new ApiException.FieldError("description", "must be at most 255 characters without control characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The webhook has invalid fields", errors);
        }
        return types;
    }

    private static List<String> subscribableNames() {
        return java.util.Arrays.stream(EventType.values()).filter(EventType::subscribable).map(EventType::wireName).toList();
    }
}
