package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.account.AccountCredential;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.sonar.SonarCall;
import dev.connector.sonarcloud.sonar.SonarClient;
import dev.connector.sonarcloud.sonar.SonarClientError;
import dev.connector.sonarcloud.sonar.SonarErrors;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.sonar.SonarResponse;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.Cursors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs an action for a caller and a linked account: scope, account, input checks, cursor, the upstream calls
 * (401 marks the account; other 4xx pass through) and the response envelope. REST and RPC both end here.
 */
@Component
public class ActionExecutor {

    /** Parameters every list action takes besides its own. */
    public static final String PAGE_SIZE = "page_size";
    public static final String NEXT = "next";

    private final AccountService accounts;
    private final SonarClient client;
    private final SonarErrors errors;
    private final Cursors cursors;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public ActionExecutor(AccountService accounts, SonarClient client, SonarErrors errors, Cursors cursors,
                          ObjectMapper mapper, MeterRegistry meters) {
        this.accounts = accounts;
        this.client = client;
        this.errors = errors;
        this.cursors = cursors;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** The caller may run this action at all (checked before anything else, so a read-only key gets 403 at once). */
    public static void authorize(Caller caller, ActionDefinition action) {
        caller.require(action.readOnly() ? Scope.ACTIONS_READ : Scope.ACTIONS_WRITE);
    }

    public static UUID accountId(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.validation("x-account-id", "header is required: the id of the linked account to act as");
        }
        try {
            return UUID.fromString(header.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such account");
        }
    }

    /**
     * @param pathValues  values from the route's path template
     * @param inputs      the other inputs: query parameters of a read, the body of a write (JSON values)
     * @param paging      {@code page_size} and {@code next} (null when not given)
     */
    public Map<String, Object> execute(Caller caller, String accountHeader, ActionDefinition action,
                                       Map<String, String> pathValues, Map<String, JsonNode> inputs,
                                       Map<String, String> paging, boolean raw, Transport transport) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            authorize(caller, action);
            UUID accountId = accountId(accountHeader);
            Map<String, String> checked = checkInputs(action, pathValues, inputs);
            int pageSize = pageSize(action, paging.get(PAGE_SIZE));
            AccountCredential account = accounts.credential(caller.project(), accountId);
            String binding = binding(action, accountId, checked);
            ObjectNode cursorState = paging.get(NEXT) == null ? null : cursors.decode(binding, paging.get(NEXT));
            SonarCall call = client.call(account.region(), account.token(), account.id().toString(), account.project());
            ActionRun run = new ActionRun(action, account, checked, pageSize, cursorState,
                    request -> upstream(call, account, request), state -> cursors.encode(binding, state),
                    response -> response.json(mapper));
            ActionResult result = action.handler().handle(run);
            accounts.recordTokenUse(account);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", result.data());
            if (action.listResult()) {
                body.put("next", result.next());
            }
            if (raw) {
                body.put("raw", result.raw());
            }
            outcome = "success";
            return body;
        } catch (ApiException e) {
            outcome = Integer.toString(e.status());
            throw e;
        } finally {
            timer(action.id(), outcome, transport).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** A passthrough call for the proxy: same account checks, breaker, retries (GET only), limits and error mapping. */
    public SonarResponse proxy(Caller caller, String accountHeader, SonarRequest request) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            UUID accountId = accountId(accountHeader);
            AccountCredential account = accounts.credential(caller.project(), accountId);
            ProxyController.requireLinkedOrganization(request, account.organizationKey());
            SonarCall call = client.call(account.region(), account.token(), account.id().toString(), account.project());
            SonarResponse response = upstream(call, account, request);
            accounts.recordTokenUse(account);
            outcome = "success";
            return response;
        } catch (ApiException e) {
            outcome = Integer.toString(e.status());
            throw e;
        } finally {
            timer("proxy", outcome, Transport.REST).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private record TimerKey(String action, String outcome, Transport transport) {
    }

    private final java.util.concurrent.ConcurrentHashMap<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private Timer timer(String action, String outcome, Transport transport) {
        return timers.computeIfAbsent(new TimerKey(action, outcome, transport), key -> Timer.builder("connector.actions")
                .description("Action executions").tag("action", key.action()).tag("outcome", key.outcome())
                .tag("transport", key.transport().id())
                .register(meters));
    }

    private SonarResponse upstream(SonarCall call, AccountCredential account, SonarRequest request) {
        try {
            return client.execute(call, request);
        } catch (SonarClientError e) {
            if (e.status() == 401) {
                accounts.markTokenRejected(account);
                throw new ApiException(412, "account_not_active", "Account not active",
                        "SonarQube Cloud rejected the account's token; the account is no longer active and must be re-linked",
                        null, List.of(errors.providerError(e.response())), null);
            }
            throw errors.passThrough(e);
        }
    }

    static Map<String, String> checkInputs(ActionDefinition action, Map<String, String> pathValues,
                                           Map<String, JsonNode> inputs) {
        List<ApiException.FieldError> problems = new ArrayList<>();
        Map<String, String> checked = new LinkedHashMap<>();
        List<String> pathParams = action.pathParams();
        for (String name : inputs.keySet()) {
            if (action.params().stream().noneMatch(p -> p.name().equals(name)) || pathParams.contains(name)) {
                problems.add(new ApiException.FieldError(name, "is not a parameter of " + action.id()));
            }
        }
        for (Param param : action.params()) {
            JsonNode value = pathParams.contains(param.name())
                    ? (pathValues.get(param.name()) == null ? null : tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(pathValues.get(param.name())))
                    : inputs.get(param.name());
            String parsed = param.parse(value, problems);
            if (parsed != null) {
                checked.put(param.name(), parsed);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation("The action's input is invalid", problems);
        }
        return checked;
    }

    static int pageSize(ActionDefinition action, String value) {
        if (value == null) {
            return ActionDefinition.DEFAULT_PAGE_SIZE;
        }
        if (!action.paged()) {
            throw ApiException.validation(PAGE_SIZE, action.id() + " returns everything in one page; page_size does not apply");
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= ActionDefinition.MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation(PAGE_SIZE, "must be a whole number from 1 to " + ActionDefinition.MAX_PAGE_SIZE);
    }

    /** What a cursor is bound to: the action, the account and every filter. */
    private static String binding(ActionDefinition action, UUID accountId, Map<String, String> inputs) {
        return action.id() + "|" + accountId + "|" + new TreeMap<>(inputs);
    }
}
