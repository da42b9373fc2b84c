package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Webhooks of the organization or of a project. A webhook's secret goes to SonarQube Cloud and never comes back. */
@Component
public class WebhookActions implements ActionCatalog {

    static final String WEBHOOK_KEY = "[A-Za-z0-9_.:-]{1,100}";
    /**
     * http(s) only (any case), at most 512 characters, no white space. Written without inline flags: the catalog and
     * openapi.yaml publish it as a JSON Schema pattern, which is ECMA-262 (JavaScript validators refuse "(?i:").
     */
    static final String WEBHOOK_URL = "(?=.{1,512}$)[Hh][Tt][Tt][Pp][Ss]?://\\S+";

    static final Mapping WEBHOOK = Mapping.of("key", "name", "url", "hasSecret", "latestDelivery");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_list_webhooks", "/actions/webhooks", "List webhooks",
                                "The organization's webhooks, or a project's when project is given, with their latest "
                                        + "delivery. Secrets are never returned, only whether one is set.")
                        .domain("webhooks")
                        .params(Param.string("project", "Project key: its webhooks instead of the organization's")
                                .matching(CommonParams.COMPONENT_KEY))
                        .call("api/webhooks/list").organization()
                        .permission(SonarPermission.ADMINISTER)
                        .customList(WEBHOOK.outputFields(), port -> {
                            JsonNode body = port.call(Map.of());
                            ArrayNode data = JsonNodeFactory.instance.arrayNode();
                            body.path("webhooks").forEach(webhook -> data.add(webhook(webhook)));
                            return new ActionResult(data, null, withoutSecrets(body));
                        }),

                Action.write("sonarcloud_create_webhook", HttpMethod.POST, "/actions/webhooks", "Create a webhook",
                                "Creates a webhook on the organization, or on a project when project is given, and "
                                        + "answers it. The optional secret signs deliveries and is never echoed back.")
                        .domain("webhooks")
                        .params(Param.string("name", "Display name (at most 100 characters)").required()
                                        .matching(".{1,100}"),
                                Param.string("url", "Delivery URL, http:// or https://, at most 512 characters")
                                        .required().matching(WEBHOOK_URL),
                                Param.string("project", "Project key: the webhook belongs to this project")
                                        .matching(CommonParams.COMPONENT_KEY),
                                Param.string("secret", "Secret for the HMAC signature of deliveries (never returned)")
                                        .matching(".{1,200}"))
                        .call("api/webhooks/create").organization()
                        .permission(SonarPermission.ADMINISTER)
                        .custom(WEBHOOK.outputFields(), port -> {
                            JsonNode body = port.call(Map.of());
                            return new ActionResult(webhook(body.path("webhook")), null, withoutSecrets(body));
                        }),

                Action.write("sonarcloud_delete_webhook", HttpMethod.DELETE, "/actions/webhooks/{webhook_key}",
                                "Delete a webhook", "Deletes a webhook by key and answers {key, deleted: true}.")
                        .domain("webhooks")
                        .params(Param.string("webhook_key", "Webhook key").required().matching(WEBHOOK_KEY)
                                .sonar("webhook"))
                        .call("api/webhooks/delete")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(List.of("key", "deleted"), port -> {
                            port.callRaw(Map.of()); // 204, no body
                            ObjectNode data = JsonNodeFactory.instance.objectNode()
                                    .put("key", port.input("webhook_key")).put("deleted", true);
                            return new ActionResult(data, null, null);
                        }));
    }

    /** Some SonarQube versions send {@code hasSecret} as the text "true"/"false": always a boolean here. */
    static ObjectNode webhook(JsonNode upstream) {
        ObjectNode webhook = WEBHOOK.apply(upstream);
        JsonNode hasSecret = upstream.path("hasSecret");
        if (hasSecret.isString()) {
            webhook.put("has_secret", Boolean.parseBoolean(hasSecret.asString().trim()));
        } else if (hasSecret.isMissingNode() && upstream.path("secret").isString()) {
            // older versions sent the secret itself instead of a flag
            webhook.put("has_secret", !upstream.path("secret").asString().isEmpty());
        }
        return webhook;
    }

    /** The upstream body for {@code raw}, without any {@code secret} field an upstream version might send. */
    static JsonNode withoutSecrets(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> {
                if (!field.getKey().equalsIgnoreCase("secret")) {
                    copy.set(field.getKey(), withoutSecrets(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(withoutSecrets(item)));
            return copy;
        }
        return node;
    }
}
