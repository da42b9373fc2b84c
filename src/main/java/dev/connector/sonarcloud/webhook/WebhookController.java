package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.cursor.Cursors;
import dev.connector.sonarcloud.web.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/webhooks")
@RequiresScope(Scope.WEBHOOKS)
public class WebhookController {

    private static final Set<String> DELIVERY_STATUSES = Set.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED);

    private final WebhookService webhooks;
    private final Cursors cursors;

    public WebhookController(WebhookService webhooks, Cursors cursors) {
        this.webhooks = webhooks;
        this.cursors = cursors;
    }

    public record WebhookList(List<WebhookView> data) {
    }

    public record DeliveryPage(List<WebhookView.DeliveryView> data, String next) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookView.WithSecret> create(Caller caller, @RequestBody WebhookService.Request request) {
        WebhookView.WithSecret created = webhooks.create(caller.project(), request);
        return ResponseEntity.created(URI.create("/webhooks/" + created.id())).body(created);
    }

    @GetMapping
    WebhookList list(Caller caller) {
        return new WebhookList(webhooks.list(caller.project()).stream().map(WebhookView::of).toList());
    }

    @GetMapping("/{id}")
    WebhookView get(Caller caller, @PathVariable String id) {
        return WebhookView.of(webhooks.get(caller.project(), webhookId(id)));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    WebhookView patch(Caller caller, @PathVariable String id, @RequestBody WebhookService.Request request) {
        return WebhookView.of(webhooks.update(caller.project(), webhookId(id), request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        webhooks.delete(caller.project(), webhookId(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate_secret")
    WebhookView.WithSecret rotateSecret(Caller caller, @PathVariable String id) {
        return webhooks.rotateSecret(caller.project(), webhookId(id));
    }

    @PostMapping("/{id}/test")
    ResponseEntity<WebhookView.DeliveryView> test(Caller caller, @PathVariable String id) {
        return ResponseEntity.accepted().body(WebhookView.DeliveryView.of(webhooks.test(caller.project(), webhookId(id))));
    }

    @GetMapping("/{id}/deliveries")
    DeliveryPage deliveries(Caller caller, @PathVariable String id, @RequestParam(required = false) String status,
                            @RequestParam(name = "page_size", required = false) String pageSize,
                            @RequestParam(required = false) String next) {
        UUID webhookId = webhookId(id);
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw ApiException.validation("status", "must be one of " + DELIVERY_STATUSES);
        }
        int size = pageSize(pageSize);
        String binding = "webhook-deliveries|" + caller.project() + "|" + webhookId + "|" + status;
        Long beforeSeq = null;
        if (next != null) {
            ObjectNode state = cursors.decode(binding, next);
            if (!state.path("s").isNumber()) {
                throw ApiException.validation("next", "The cursor is not valid");
            }
            beforeSeq = state.path("s").asLong();
        }
        List<Delivery> rows = webhooks.deliveries(caller.project(), webhookId, status, beforeSeq, size + 1);
        String nextCursor = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            state.put("s", rows.getLast().seq());
            nextCursor = cursors.encode(binding, state);
        }
        return new DeliveryPage(rows.stream().map(WebhookView.DeliveryView::of).toList(), nextCursor);
    }

    @PostMapping("/{id}/deliveries/{delivery_id}/replay")
    ResponseEntity<WebhookView.DeliveryView> replay(Caller caller, @PathVariable String id,
                                                    @PathVariable("delivery_id") String deliveryId) {
        UUID delivery;
        try {
            delivery = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such delivery");
        }
        return ResponseEntity.accepted()
                .body(WebhookView.DeliveryView.of(webhooks.replay(caller.project(), webhookId(id), delivery)));
    }

    /** A malformed id is just an unknown one. */
    private static UUID webhookId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such webhook");
        }
    }

    private static int pageSize(String value) {
        if (value == null) {
            return 50;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= 500) {
                return size;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.validation("page_size", "must be a whole number from 1 to 500");
    }
}
