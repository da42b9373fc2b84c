package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.sonar.SonarResponse;
import dev.connector.sonarcloud.web.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Passthrough for Web API calls no action covers. The path is relative and checked strictly; the host always
 * comes from the account's region, so no input can send the service (or the token) anywhere else.
 */
@RestController
public class ProxyController {

    /** Plain relative segments only: no scheme, no host, no '//', no dot segments, no percent-encoding. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final List<String> SAFE_HEADERS = List.of("content-type");
    /**
     * Endpoints that mint, list or revoke the user's tokens, sign in or out, change a password or hold ALM
     * credentials: a backend must not reach them with the user's token (it could mint itself a long-lived one).
     */
    private static final List<String> CREDENTIAL_ENDPOINTS = List.of("api/user_tokens", "api/authentication/login",
            "api/authentication/logout", "api/users/change_password", "api/alm_integrations", "api/alm_settings");
    /** Parameters naming organizations: they must name the linked account's own. */
    private static final List<String> ORGANIZATION_PARAMETERS = List.of("organization", "organizations");

    private final ActionExecutor executor;
    private final ObjectMapper mapper;

    public ProxyController(ActionExecutor executor, ObjectMapper mapper) {
        this.executor = executor;
        this.mapper = mapper;
    }

    public record ProxyRequest(String method, String path, Map<String, JsonNode> query, Map<String, JsonNode> body) {
    }

    @PostMapping("/actions/proxy")
    Map<String, Object> proxy(Caller caller, @RequestHeader(name = "x-account-id", required = false) String accountId,
                              @RequestBody ProxyRequest request) {
        String method = request.method() == null ? "GET" : request.method().trim().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw ApiException.validation("method", "must be GET or POST");
        }
        caller.require(method.equals("GET") ? Scope.ACTIONS_READ : Scope.ACTIONS_WRITE);
        String path = checkPath(request.path());
        Map<String, String> query = parameters("query", request.query());
        Map<String, String> body = parameters("body", request.body());
        if (method.equals("GET") && !body.isEmpty()) {
            throw ApiException.validation("body", "a GET takes no body; use query");
        }
        SonarRequest sonarRequest = new SonarRequest(HttpMethod.valueOf(method), path, query, body, "proxy");
        SonarResponse response = executor.proxy(caller, accountId, sonarRequest);
        Map<String, Object> headers = new LinkedHashMap<>();
        if (response.contentType() != null) {
            headers.put(SAFE_HEADERS.getFirst(), response.contentType());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.status());
        out.put("headers", headers);
        out.put("data", data(response));
        return out;
    }

    /** StackOne's proxy body: the method in any case, a path that may carry a query string, no host of its own. */
    public record UnifiedProxyRequest(String url, String path, String method, Map<String, JsonNode> headers,
                                      Map<String, JsonNode> query, Map<String, JsonNode> body) {
    }

    /** StackOne's route for the same passthrough ({@code POST /unified/proxy}, what its SDK calls). */
    @PostMapping("/unified/proxy")
    Map<String, Object> unifiedProxy(Caller caller, @RequestHeader(name = "x-account-id", required = false) String accountId,
                                     @RequestBody UnifiedProxyRequest request) {
        if (request.url() != null && !request.url().isBlank()) {
            throw ApiException.validation("url", "is not supported: the host always comes from the account's region; "
                    + "send path (api/… or a v2 path)");
        }
        String path = request.path();
        Map<String, JsonNode> query = request.query() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request.query());
        int mark = path == null ? -1 : path.indexOf('?');
        if (mark >= 0) {
            UriComponentsBuilder.fromUriString("/?" + path.substring(mark + 1)).build().getQueryParams()
                    .forEach((name, values) -> query.put(decode(name),
                            JsonNodeFactory.instance.stringNode(decode(String.join(",", values)))));
            path = path.substring(0, mark);
        }
        return proxy(caller, accountId, new ProxyRequest(request.method(), path, query, request.body()));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static String checkPath(String path) {
        if (path == null || path.isBlank()) {
            throw ApiException.validation("path", "is required: a relative Web API path such as api/issues/search");
        }
        String candidate = path.startsWith("/") && !path.startsWith("//") ? path.substring(1) : path;
        if (!SAFE_PATH.matcher(candidate).matches()) {
            throw ApiException.validation("path", "must be a relative path of plain segments (api/… or a v2 path): "
                    + "no scheme, host, '//', '..', '%' or query string");
        }
        String lower = candidate.toLowerCase(Locale.ROOT);
        for (String refused : CREDENTIAL_ENDPOINTS) {
            if (lower.equals(refused) || lower.startsWith(refused + "/")) {
                throw ApiException.forbidden("The proxy does not pass " + refused + ": it manages the user's credentials");
            }
        }
        return candidate;
    }

    /** The proxy acts in the linked account's organization only: any organization parameter must name it. */
    static void requireLinkedOrganization(SonarRequest request, String organization) {
        for (Map<String, String> parameters : List.of(request.query(), request.form())) {
            for (String name : ORGANIZATION_PARAMETERS) {
                String value = parameters.get(name);
                if (value != null && java.util.Arrays.stream(value.split(",")).anyMatch(v -> !v.trim().equals(organization))) {
                    throw ApiException.forbidden("The proxy acts only in the linked account's organization '"
                            + organization + "'; '" + name + "' names another");
                }
            }
        }
    }

    private static Map<String, String> parameters(String field, Map<String, JsonNode> values) {
        Map<String, String> out = new LinkedHashMap<>();
        if (values == null) {
            return out;
        }
        values.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9_.-]{1,100}")) {
                throw ApiException.validation(field, "parameter names must be plain words");
            }
            if (value == null || value.isNull()) {
                return;
            }
            if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw ApiException.validation(field + "." + name, "must be text, a number, a boolean or a list of them");
                    }
                    joined.append(joined.isEmpty() ? "" : ",").append(item.asString());
                }
                out.put(name, joined.toString());
            } else if (value.isValueNode()) {
                out.put(name, value.asString());
            } else {
                throw ApiException.validation(field + "." + name, "must be text, a number, a boolean or a list of them");
            }
        });
        return out;
    }

    private Object data(SonarResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        if (response.contentType() != null && response.contentType().contains("json")) {
            return response.json(mapper); // garbage is a 502, as for actions
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
