package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Webhook administration and deliveries, badges, favorites, blame, component search and the token's organizations. */
@Component
public class MiscActions implements ActionCatalog {

    static final Mapping DELIVERY = Mapping.of("id", "componentKey->component_key", "ceTaskId->task_id", "name",
            "url", "at", "success", "httpStatus", "durationMs");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.write("sonarcloud_update_webhook", HttpMethod.PATCH, "/actions/webhooks/{webhook_key}",
                                "Update a webhook",
                                "Changes a webhook's name and URL (both required, as SonarQube expects) and secret; "
                                        + "the secret is never echoed back.")
                        .domain("webhooks")
                        .params(Param.string("webhook_key", "Webhook key").required().matching(WebhookActions.WEBHOOK_KEY)
                                        .sonar("webhook"),
                                Param.string("name", "Display name").required().matching(".{1,100}"),
                                Param.string("url", "Delivery URL").required().matching(WebhookActions.WEBHOOK_URL),
                                Param.string("secret", "New secret (never returned)").matching(".{1,200}"))
                        .call("api/webhooks/update").permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("webhook_key", "name", "url"),
                                Acknowledged.handler("webhook_key", "name", "url")),

                Action.read("sonarcloud_list_webhook_deliveries", "/actions/webhook_deliveries",
                                "List webhook deliveries",
                                "Recent deliveries (kept 30 days) of a webhook, of a project's webhooks, or for one "
                                        + "background task.")
                        .domain("webhooks")
                        .params(Param.string("webhook", "Webhook key").matching(WebhookActions.WEBHOOK_KEY),
                                Param.string("component_key", "Project key").matching(CommonParams.COMPONENT_KEY)
                                        .sonar("componentKey"),
                                Param.string("task_id", "Background task id").matching("[A-Za-z0-9_-]{1,100}")
                                        .sonar("ceTaskId"))
                        .call("api/webhooks/deliveries").permission(SonarPermission.ADMINISTER)
                        .pages("deliveries", DELIVERY),

                Action.read("sonarcloud_get_webhook_delivery", "/actions/webhook_deliveries/{delivery_id}",
                                "Get a webhook delivery", "One delivery with the payload that was sent.")
                        .domain("webhooks")
                        .params(Param.string("delivery_id", "Delivery id").required().matching("[A-Za-z0-9_-]{1,100}")
                                .sonar("deliveryId"))
                        .call("api/webhooks/delivery").permission(SonarPermission.ADMINISTER)
                        .object("delivery", Mapping.of("id", "componentKey->component_key", "ceTaskId->task_id",
                                "name", "url", "at", "success", "httpStatus", "durationMs", "payload")),

                Action.read("sonarcloud_get_measure_badge", "/actions/projects/{project_key}/badges/measure",
                                "Get a measure badge",
                                "A project's metric badge as SVG: image/svg+xml through REST, the SVG text in content "
                                        + "through RPC.")
                        .domain("badges")
                        .params(CommonParams.componentKey("project_key", "Project key", "project"),
                                Param.string("metric", "Metric").required().oneOf("alert_status", "bugs", "code_smells",
                                        "coverage", "duplicated_lines_density", "ncloc", "reliability_rating",
                                        "security_rating", "sqale_index", "sqale_rating", "vulnerabilities"),
                                CommonParams.branch())
                        .call("api/project_badges/measure").permission(SonarPermission.BROWSE)
                        .custom(List.of("content_type", "content"), port -> TextContent.result(port.callRaw(Map.of()))),

                Action.read("sonarcloud_get_quality_gate_badge", "/actions/projects/{project_key}/badges/quality_gate",
                                "Get a quality gate badge",
                                "A project's quality gate badge as SVG: image/svg+xml through REST, the SVG text in "
                                        + "content through RPC.")
                        .domain("badges")
                        .params(CommonParams.componentKey("project_key", "Project key", "project"), CommonParams.branch())
                        .call("api/project_badges/quality_gate").permission(SonarPermission.BROWSE)
                        .custom(List.of("content_type", "content"), port -> TextContent.result(port.callRaw(Map.of()))),

                Action.read("sonarcloud_list_favorites", "/actions/favorites", "List favorites",
                                "The token owner's favorite projects.")
                        .domain("favorites")
                        .call("api/favorites/search").permission(SonarPermission.NONE)
                        .pages("favorites", Mapping.of("key", "name", "qualifier", "organization")),

                Action.write("sonarcloud_add_favorite", HttpMethod.POST, "/actions/favorites", "Add a favorite",
                                "Stars a project for the token owner (at most 100 favorites).")
                        .domain("favorites")
                        .params(CommonParams.componentKey("component_key", "Project key", "component"))
                        .call("api/favorites/add").permission(SonarPermission.BROWSE)
                        .custom(Acknowledged.fields("component_key"), Acknowledged.handler("component_key")),

                Action.write("sonarcloud_remove_favorite", HttpMethod.DELETE, "/actions/favorites/{component_key}",
                                "Remove a favorite", "Unstars a project for the token owner.")
                        .domain("favorites")
                        .params(CommonParams.componentKey("component_key", "Project key", "component"))
                        .call("api/favorites/remove").permission(SonarPermission.NONE)
                        .custom(Acknowledged.fields("component_key"), Acknowledged.handler("component_key")),

                Action.read("sonarcloud_get_scm_blame", "/actions/components/{component_key}/source/scm",
                                "Get SCM blame", "Author, date and revision of each line of a file (from/to: a range).")
                        .domain("sources")
                        .params(CommonParams.componentKey("component_key", "File key", "key"),
                                Param.integer("from", "First line", 1, Integer.MAX_VALUE),
                                Param.integer("to", "Last line", 1, Integer.MAX_VALUE),
                                Param.bool("commits_by_line", "One entry per line even when lines share a commit")
                                        .sonar("commits_by_line"))
                        .call("api/sources/scm").permission(SonarPermission.SEE_SOURCE_CODE)
                        .list("scm", (item, body) -> {
                            var line = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                            line.set("line", item.path(0));
                            line.set("author", item.path(1));
                            line.put("date", dev.connector.sonarcloud.action.Normalize.value(item.path(2)).asString(null));
                            line.set("revision", item.path(3));
                            return line;
                        }, List.of("line", "author", "date", "revision")),

                Action.read("sonarcloud_search_components", "/actions/components", "Search components",
                                "The organization's components by name or key (projects by default).")
                        .domain("projects")
                        .params(Param.string("q", "Part of the name or key (at least 2 characters)").matching(".{2,200}"),
                                Param.list("qualifiers", "Qualifiers (default TRK)").oneOf("TRK", "DIR", "FIL", "UTS"))
                        .call("api/components/search").organization().permission(SonarPermission.BROWSE)
                        .pages("components", Mapping.of("key", "name", "qualifier", "project", "organization")),

                Action.read("sonarcloud_list_organizations", "/actions/organizations", "List my organizations",
                                "The organizations the token owner is a member of (for an organization picker).")
                        .domain("organizations")
                        .call("api/organizations/search").fixed("member", "true").permission(SonarPermission.NONE)
                        .pages("organizations", Mapping.of("key", "name", "description", "url", "avatar")));
    }
}
