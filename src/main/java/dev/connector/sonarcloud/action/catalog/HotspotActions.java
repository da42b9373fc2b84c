package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.ActionRun;
import dev.connector.sonarcloud.action.ItemMapper;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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

    private static final String HOTSPOT_KEY = "[A-Za-z0-9_.:-]{1,100}";

    /** One slice of a search that SonarQube can page through on its own (each up to 10,000 results). */
    private record Partition(String status, String resolution) {
    }

    private static final List<Partition> PARTITIONS = List.of(new Partition("TO_REVIEW", null),
            new Partition("REVIEWED", "FIXED"), new Partition("REVIEWED", "SAFE"),
            new Partition("REVIEWED", "ACKNOWLEDGED"));

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
                        .custom(true, HOTSPOT_FIELDS, action -> run -> search(action, run)),

                Action.read("sonarcloud_get_hotspot", "/actions/hotspots/{hotspot_key}", "Get a security hotspot",
                                "One hotspot by key, with its rule, changelog and comments.")
                        .domain("hotspots")
                        .params(Param.string("hotspot_key", "Hotspot key").required().matching(HOTSPOT_KEY).sonar("hotspot"))
                        .call("api/hotspots/show")
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
                        .custom(false, DETAIL_FIELDS, action -> run -> {
                            boolean reviewed = run.input("status").equals("REVIEWED");
                            if (reviewed && run.input("resolution") == null) {
                                throw ApiException.validation("resolution", "is required when status is REVIEWED");
                            }
                            if (!reviewed && run.input("resolution") != null) {
                                throw ApiException.validation("resolution", "must be absent when status is TO_REVIEW");
                            }
                            run.call(action.request(run, Map.of()));
                            JsonNode body = run.callJson(SonarRequest.get("api/hotspots/show",
                                    Map.of("hotspot", run.input("hotspot_key"))));
                            return new ActionResult(HOTSPOT_DETAILS.map(body, body), null, body);
                        }));
    }

    /**
     * Hotspot search has no date filter to window on, so a search without a status walks the partitions (status,
     * resolution) one after another, each paged up to the cap. The cursor holds the partition ({@code i}), the page
     * ({@code p}, {@code ps}) and the caller's page size ({@code n}). Near the cap the page size shrinks to a divisor
     * of the offset so the last results below 10,000 are reachable too. A single partition beyond 10,000 hotspots is
     * cut at the cap (filter by files or branch to see the rest).
     */
    static ActionResult search(Action action, ActionRun run) {
        List<Partition> partitions = partitions(run.input("status"), run.input("resolution"));
        ObjectNode state = run.cursorState();
        int pageSize = state == null ? run.pageSize() : state.path("n").asInt(run.pageSize());
        int index = state == null ? 0 : state.path("i").asInt(0);
        int page = state == null ? 1 : state.path("p").asInt(1);
        int size = state == null ? pageSize : state.path("ps").asInt(pageSize);
        if (index < 0 || index >= partitions.size() || page < 1 || size < 1 || (long) page * size > Action.SONAR_RESULT_CAP) {
            throw ApiException.validation("next", "is not a cursor of this search");
        }
        while (true) {
            Partition partition = partitions.get(index);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("status", partition.status());
            if (partition.resolution() != null) {
                extra.put("resolution", partition.resolution());
            }
            extra.put("p", Integer.toString(page));
            extra.put("ps", Integer.toString(size));
            JsonNode body = run.callJson(action.request(run, extra));
            ArrayNode data = Action.items(body, "hotspots", HOTSPOT_WITH_NAMES, size);
            long total = Action.total(body);
            long offset = (long) page * size;
            boolean more = !data.isEmpty() && offset < Action.SONAR_RESULT_CAP
                    && (total >= 0 ? offset < total : data.size() >= size);
            ObjectNode next = JsonNodeFactory.instance.objectNode().put("n", pageSize);
            if (more) {
                int nextSize = size;
                while (offset % nextSize != 0 || offset + nextSize > Action.SONAR_RESULT_CAP) {
                    nextSize--;
                }
                next.put("i", index).put("p", (int) (offset / nextSize) + 1).put("ps", nextSize);
            } else if (index + 1 < partitions.size()) {
                next.put("i", index + 1).put("p", 1).put("ps", pageSize);
            } else {
                return new ActionResult(data, null, body);
            }
            if (!data.isEmpty()) {
                return new ActionResult(data, run.cursor(next), body);
            }
            // an empty partition: go straight on to the next one rather than answer an empty page
            index = next.path("i").asInt();
            page = 1;
            size = pageSize;
        }
    }

    /** The partitions a search covers: those the caller's status and resolution allow. */
    private static List<Partition> partitions(String status, String resolution) {
        List<Partition> partitions = new ArrayList<>();
        for (Partition partition : PARTITIONS) {
            if ((status == null || status.equals(partition.status()))
                    && (resolution == null || resolution.equals(partition.resolution()))) {
                partitions.add(partition);
            }
        }
        if (partitions.isEmpty()) {
            throw ApiException.validation("resolution", "applies only to status REVIEWED");
        }
        return partitions;
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
