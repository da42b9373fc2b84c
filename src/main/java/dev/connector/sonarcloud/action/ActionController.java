package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.web.AccessLogFilter;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The catalog, the REST routes of every action, and StackOne's RPC form. No per-action code lives here. */
@RestController
public class ActionController {

    private static final Set<String> META_PARAMETERS = Set.of(ActionExecutor.PAGE_SIZE, ActionExecutor.NEXT, "raw");

    private final ActionRegistry registry;
    private final ActionExecutor executor;
    private final Problems problems;
    private final StackOneCatalog catalog;

    public ActionController(ActionRegistry registry, ActionExecutor executor, Problems problems, StackOneCatalog catalog) {
        this.registry = registry;
        this.executor = executor;
        this.problems = problems;
        this.catalog = catalog;
    }

    /**
     * Action errors (412, 429, 503 while a breaker is open, …) are answered here rather than thrown out of the
     * handler: thrown through the reflective handler call, each one gets wrapped in an exception with a full stack
     * trace, which measurably slowed the fail-fast path.
     */
    private ResponseEntity<Object> answer(Supplier<Map<String, Object>> action) {
        try {
            return ResponseEntity.ok(action.get());
        } catch (ApiException e) {
            return problems.entity(e);
        }
    }

    /** StackOne's grouped catalog; each action also keeps this project's own members (see StackOneCatalog). */
    @GetMapping("/actions")
    @RequiresScope({Scope.ACTIONS_READ, Scope.ACTIONS_WRITE})
    ResponseEntity<Object> catalog(@RequestParam MultiValueMap<String, String> query) {
        String readOnly = query.getFirst("read_only");
        if (readOnly != null && !readOnly.equals("true") && !readOnly.equals("false")) {
            return problems.entity(ApiException.validation("read_only", "must be true or false"));
        }
        return ResponseEntity.ok(catalog.grouped(query));
    }

    @PostMapping("/actions/rpc")
    ResponseEntity<Object> rpc(Caller caller, @RequestHeader(name = RpcArguments.ACCOUNT_HEADER, required = false) String accountId,
                               @RequestBody JsonNode request) {
        return answer(() -> {
            RpcArguments arguments = RpcArguments.parse(request, accountId, registry);
            ActionDefinition action = registry.byId(arguments.action()).orElseThrow();
            ActionExecutor.authorize(caller, action);
            return executor.execute(caller, arguments.accountId(), action, arguments.pathValues(), arguments.inputs(),
                    arguments.paging(), arguments.raw(), Transport.RPC);
        });
    }

    /** An action's REST route (registered by {@link ActionRoutes}); a read has no body. */
    ResponseEntity<Object> rest(Caller caller, ActionDefinition action, Map<String, String> pathValues,
                                HttpServletRequest request, String accountId, JsonNode body) {
        try {
            RestAnswer answer = runRest(caller, action, pathValues, request, accountId, body);
            if (action.answersText() && !answer.raw() && answer.body().get("data") instanceof ObjectNode data) {
                // the content as SonarQube sent it; never rendered as active content from this origin
                return ResponseEntity.ok().contentType(MediaType.parseMediaType(data.path("content_type").asString()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                        .body(data.path("content").asString().getBytes(StandardCharsets.UTF_8));
            }
            return ResponseEntity.ok(answer.body());
        } catch (ApiException e) {
            return problems.entity(e);
        }
    }

    /** What a REST route answered (an action answering text sends the text itself unless raw was asked). */
    private record RestAnswer(Map<String, Object> body, boolean raw) {
    }

    private RestAnswer runRest(Caller caller, ActionDefinition action, Map<String, String> pathValues,
                               HttpServletRequest request, String accountId, JsonNode body) {
        request.setAttribute(AccessLogFilter.ROUTE, action.route()); // the access line names the action's route
        ActionExecutor.authorize(caller, action);
        Map<String, JsonNode> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) ->
                query.put(name, JsonNodeFactory.instance.stringNode(String.join(",", values))));
        Map<String, String> paging = new LinkedHashMap<>();
        boolean raw = takeMeta(query, paging);
        Map<String, JsonNode> inputs;
        if (action.readOnly()) {
            inputs = query;
        } else {
            if (body != null && !body.isNull() && !body.isObject()) {
                throw ApiException.validation("body", "must be a JSON object");
            }
            inputs = withoutConflicts(query, body instanceof ObjectNode object ? toMap(object) : Map.of());
        }
        return new RestAnswer(executor.execute(caller, accountId, action, pathValues, inputs, paging, raw,
                Transport.REST), raw);
    }

    /** Moves page_size, next and raw out of the inputs; answers whether raw was asked. */
    static boolean takeMeta(Map<String, JsonNode> inputs, Map<String, String> paging) {
        for (String name : List.of(ActionExecutor.PAGE_SIZE, ActionExecutor.NEXT)) {
            JsonNode value = inputs.remove(name);
            if (value != null && !value.isNull()) {
                paging.put(name, value.asString());
            }
        }
        JsonNode raw = inputs.remove("raw");
        if (raw == null || raw.isNull()) {
            return false;
        }
        String text = raw.asString();
        if (!text.equals("true") && !text.equals("false")) {
            throw ApiException.validation("raw", "must be true or false");
        }
        return text.equals("true");
    }

    /** A write action's inputs come from its body; only the meta parameters may be in the query. */
    private static Map<String, JsonNode> withoutConflicts(Map<String, JsonNode> query, Map<String, JsonNode> body) {
        for (String name : query.keySet()) {
            if (!META_PARAMETERS.contains(name)) {
                throw ApiException.validation(name, "a write action takes its parameters in the body");
            }
        }
        return body == null ? Map.of() : body;
    }

    private static Map<String, JsonNode> toMap(ObjectNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
