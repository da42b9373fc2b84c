package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.FilterPartitions;
import dev.connector.sonarcloud.action.ItemMapper;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.action.Upstream;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Security hotspots: search (past SonarQube's 10,000-result cap), read, change status. */
@Component
public class HotspotActions implements ActionCatalog {

    static final Mapping HOTSPOT = Mapping.of("key", "vulnerabilityProbability", "securityCategory", "status",
            "resolution", "ruleKey->rule", "message", "component", "project", "line", "textRange", "author",
            "assignee", "creationDate->created_at", "updateDate->updated_at");

    /** What {@code api/hotspots/show} adds to a hotspot. */
    private static final Mapping DETAILS = Mapping.of("changelog", "comment->comments", "canChangeStatus");

    static final List<String> HOTSPOT_FIELDS = with(HOTSPOT.outputFields(), List.of("component_name"));
    static final List<String> DETAIL_FIELDS = with(HOTSPOT_FIELDS, with(List.of("rule_name"), DETAILS.outputFields()));

    /** A search result, with its component's name from the response's {@code components}. */
    static final ItemMapper HOTSPOT_WITH_NAMES = (item, body) -> {
        ObjectNode hotspot = HOTSPOT.apply(item);
        hotspot.put("component_name", componentName(body.path("components"), item.path("component").asString(null)));
        return hotspot;
    };

    /**
     * The body of {@code api/hotspots/show}, in the same shape as a search result plus its details. Show nests what
     * search flattens (component, project and rule are objects there), so it is flattened first.
     */
    static final ItemMapper HOTSPOT_DETAILS = (item, body) -> {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode flat = item.isObject() ? (ObjectNode) item.deepCopy() : nodes.objectNode();
        JsonNode rule = item.path("rule");
        flat.set("component", orNull(item.path("component").path("key")));
        flat.set("project", orNull(item.path("project").path("key")));
        flat.set("ruleKey", orNull(rule.path("key")));
        flat.set("securityCategory", orNull(rule.path("securityCategory")));
        flat.set("vulnerabilityProbability", orNull(rule.path("vulnerabilityProbability")));
        ObjectNode sides = nodes.objectNode();
        sides.putArray("components").add(item.path("component").isObject() ? item.path("component") : nodes.objectNode());
        ObjectNode hotspot = HOTSPOT_WITH_NAMES.map(flat, sides);
        hotspot.set("rule_name", orNull(rule.path("name")));
        hotspot.setAll(DETAILS.apply(item));
        return hotspot;
    };

    /** Read after a status change, to answer the updated hotspot. */
    private static final Upstream SHOW = Upstream.get("api/hotspots/show");

    private static final String HOTSPOT_KEY = "[A-Za-z0-9_.:-]{1,100}";

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_search_hotspots", "/actions/projects/{project_key}/hotspots",
                                "Search security hotspots",
                                "A project's security hotspots, filtered. The cursor walks past SonarQube's 10,000-result "
                                        + "cap by walking each status and resolution separately.")
                        .domain("hotspots")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                CommonParams.branch(),
                                CommonParams.pullRequest(),
                                Param.string("status", "Review status").oneOf("TO_REVIEW", "REVIEWED"),
                                Param.string("resolution", "Resolution of reviewed hotspots")
                                        .oneOf("FIXED", "SAFE", "ACKNOWLEDGED"),
                                Param.list("files", "File paths (relative to the project)"),
                                Param.bool("in_new_code_period", "Only hotspots in the new code period"),
                                Param.bool("only_mine", "Only hotspots assigned to the token's user"))
                        .call("api/hotspots/search")
                        .permission(SonarPermission.BROWSE)
                        .partitions("hotspots", FilterPartitions.HOTSPOT_STATES, HOTSPOT_WITH_NAMES, HOTSPOT_FIELDS),

                Action.read("sonarcloud_get_hotspot", "/actions/hotspots/{hotspot_key}", "Get a security hotspot",
                                "One hotspot by key, with its rule, changelog and comments.")
                        .domain("hotspots")
                        .params(Param.string("hotspot_key", "Hotspot key").required().matching(HOTSPOT_KEY).sonar("hotspot"))
                        .call("api/hotspots/show")
                        .permission(SonarPermission.BROWSE)
                        .object("", HOTSPOT_DETAILS, DETAIL_FIELDS),

                Action.write("sonarcloud_change_hotspot_status", HttpMethod.POST, "/actions/hotspots/{hotspot_key}/status",
                                "Change a hotspot's status",
                                "Marks a hotspot TO_REVIEW, or REVIEWED with a resolution (FIXED, SAFE, ACKNOWLEDGED), "
                                        + "and answers the updated hotspot.")
                        .domain("hotspots")
                        .params(Param.string("hotspot_key", "Hotspot key").required().matching(HOTSPOT_KEY).sonar("hotspot"),
                                Param.string("status", "New status").required().oneOf("TO_REVIEW", "REVIEWED"),
                                Param.string("resolution", "Resolution; required with REVIEWED, not allowed with TO_REVIEW")
                                        .oneOf("FIXED", "SAFE", "ACKNOWLEDGED"),
                                Param.string("comment", "Optional comment"))
                        .call("api/hotspots/change_status")
                        .permission(SonarPermission.ADMINISTER_HOTSPOTS)
                        .custom(DETAIL_FIELDS, port -> {
                            boolean reviewed = port.input("status").equals("REVIEWED");
                            if (reviewed && port.input("resolution") == null) {
                                throw ApiException.validation("resolution", "is required when status is REVIEWED");
                            }
                            if (!reviewed && port.input("resolution") != null) {
                                throw ApiException.validation("resolution", "must be absent when status is TO_REVIEW");
                            }
                            port.callRaw(Map.of());
                            JsonNode body = port.call(SHOW, Map.of("hotspot", port.input("hotspot_key")));
                            return new ActionResult(HOTSPOT_DETAILS.map(body, body), null, body);
                        }));
    }

    private static String componentName(JsonNode components, String key) {
        if (key == null) {
            return null;
        }
        for (JsonNode component : components) {
            if (key.equals(component.path("key").asString(null))) {
                return component.path("longName").asString(component.path("name").asString(null));
            }
        }
        return null;
    }

    private static JsonNode orNull(JsonNode node) {
        return node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    }

    private static List<String> with(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
