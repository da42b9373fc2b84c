package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small builder for {@link ActionDefinition}s: an action is data (id, route, parameters, the SonarQube call)
 * plus a mapping. Typical use:
 * <pre>
 * Action.read("sonarcloud_list_projects", "/actions/projects", "List projects", "…")
 *       .params(Param.string("q", "…"))
 *       .call("api/components/search").fixed("qualifiers", "TRK").organization()
 *       .pages("components", PROJECT);
 * </pre>
 */
public final class Action {

    /** SonarQube refuses to page past the 10,000th result. */
    public static final int SONAR_RESULT_CAP = 10_000;

    private final String id;
    private final String path;
    private final HttpMethod method;
    private final boolean readOnly;
    private final String label;
    private final String description;
    private String domain = "general";
    private final List<Param> params = new ArrayList<>();
    private String sonarPath;
    private HttpMethod sonarMethod;
    private final Map<String, String> fixed = new LinkedHashMap<>();
    private boolean organization;

    private Action(String id, HttpMethod method, String path, boolean readOnly, String label, String description) {
        this.id = id;
        this.method = method;
        this.path = path;
        this.readOnly = readOnly;
        this.label = label;
        this.description = description;
        this.sonarMethod = readOnly ? HttpMethod.GET : HttpMethod.POST;
    }

    public static Action read(String id, String path, String label, String description) {
        return new Action(id, HttpMethod.GET, path, true, label, description);
    }

    public static Action write(String id, HttpMethod method, String path, String label, String description) {
        return new Action(id, method, path, false, label, description);
    }

    public Action domain(String domain) {
        this.domain = domain;
        return this;
    }

    public Action params(Param... params) {
        this.params.addAll(List.of(params));
        return this;
    }

    /** The SonarQube endpoint (GET for reads, POST for writes). */
    public Action call(String sonarPath) {
        this.sonarPath = sonarPath;
        return this;
    }

    public Action fixed(String sonarParameter, String value) {
        fixed.put(sonarParameter, value);
        return this;
    }

    /** Sends the linked account's organization as {@code organization}. */
    public Action organization() {
        this.organization = true;
        return this;
    }

    /** The SonarQube request for this run: fixed values, the organization, the inputs, and extra parameters. */
    public SonarRequest request(ActionRun run, Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(fixed);
        if (organization) {
            parameters.put("organization", run.organization());
        }
        parameters.putAll(run.sonarParams());
        parameters.putAll(extra);
        return sonarMethod == HttpMethod.GET
                ? new SonarRequest(HttpMethod.GET, sonarPath, parameters, null, sonarPath)
                : new SonarRequest(sonarMethod, sonarPath, null, parameters, sonarPath);
    }

    /** A single object at {@code field} of the body ({@code ""} for the body itself). */
    public ActionDefinition object(String field, Mapping mapping) {
        return object(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition object(String field, ItemMapper mapper, List<String> outputFields) {
        return build(false, false, outputFields, run -> {
            JsonNode body = run.callJson(request(run, Map.of()));
            JsonNode item = field.isEmpty() ? body : at(body, field);
            return new ActionResult(mapper.map(item, body), null, body);
        });
    }

    /** Every item of the array at {@code field}, in one page (endpoints without paging). */
    public ActionDefinition list(String field, Mapping mapping) {
        return list(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition list(String field, ItemMapper mapper, List<String> outputFields) {
        return build(false, true, outputFields, run -> {
            JsonNode body = run.callJson(request(run, Map.of()));
            return new ActionResult(items(body, field, mapper), null, body);
        });
    }

    /** Pages with SonarQube's {@code p}/{@code ps}; the cursor holds the next page. */
    public ActionDefinition pages(String field, Mapping mapping) {
        return pages(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition pages(String field, ItemMapper mapper, List<String> outputFields) {
        return build(true, true, outputFields, run -> page(run, field, mapper, Map.of()));
    }

    /** One page of a p/ps endpoint, with extra parameters; {@code next} is null on the last reachable page. */
    public ActionResult page(ActionRun run, String field, ItemMapper mapper, Map<String, String> extra) {
        ObjectNode state = run.cursorState();
        int page = state == null ? 1 : state.path("p").asInt(1);
        int size = state == null ? run.pageSize() : state.path("ps").asInt(run.pageSize());
        Map<String, String> parameters = new LinkedHashMap<>(extra);
        parameters.put("p", Integer.toString(page));
        parameters.put("ps", Integer.toString(size));
        JsonNode body = run.callJson(request(run, parameters));
        ArrayNode data = items(body, field, mapper, size);
        long total = total(body);
        boolean more = total >= 0 ? (long) page * size < total : data.size() >= size;
        more &= (long) (page + 1) * size <= SONAR_RESULT_CAP && !data.isEmpty();
        ObjectNode next = more ? JsonNodeFactory.instance.objectNode().put("p", page + 1).put("ps", size) : null;
        return new ActionResult(data, run.cursor(next), body);
    }

    /**
     * For actions with their own logic (several calls, windows, composed results). A paged one answers a list;
     * an unpaged one answers one object (see {@link #customList} for an unpaged list).
     */
    public ActionDefinition custom(boolean paged, List<String> outputFields, Function<Action, ActionHandler> handler) {
        return build(paged, paged, outputFields, handler.apply(this));
    }

    /** Own logic answering every item in one list ({@code next} always null). */
    public ActionDefinition customList(List<String> outputFields, Function<Action, ActionHandler> handler) {
        return build(false, true, outputFields, handler.apply(this));
    }

    private ActionDefinition build(boolean paged, boolean listResult, List<String> outputFields, ActionHandler handler) {
        if (sonarPath == null) {
            throw new IllegalStateException(id + ": no SonarQube call");
        }
        return new ActionDefinition(id, label, description, domain, method, path, readOnly, paged, listResult,
                List.copyOf(params),
                List.copyOf(outputFields), handler);
    }

    public static ArrayNode items(JsonNode body, String field, ItemMapper mapper) {
        return items(body, field, mapper, Integer.MAX_VALUE);
    }

    /** At most {@code limit} items: an upstream that sends more than the page asked for does not widen the page. */
    public static ArrayNode items(JsonNode body, String field, ItemMapper mapper, int limit) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : at(body, field)) {
            if (data.size() >= limit) {
                break;
            }
            data.add(mapper.map(item, body));
        }
        return data;
    }

    /** {@code paging.total}, or the old top-level {@code total}, or v2's {@code page.total}; -1 when none. */
    public static long total(JsonNode body) {
        for (JsonNode total : new JsonNode[] {body.path("paging").path("total"), body.path("total"),
                body.path("page").path("total")}) {
            if (total.isNumber()) {
                return total.asLong();
            }
        }
        return -1;
    }

    /** A dotted path into the body ({@code "component"}, {@code "projectStatus.conditions"}). */
    public static JsonNode at(JsonNode body, String dottedPath) {
        JsonNode node = body;
        for (String part : dottedPath.split("\\.")) {
            if (!part.isEmpty()) {
                node = node.path(part);
            }
        }
        return node;
    }
}
