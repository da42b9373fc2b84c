package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.account.AccountCredential;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.sonar.OrganizationIds;
import dev.connector.sonarcloud.sonar.SonarCall;
import dev.connector.sonarcloud.sonar.SonarClient;
import dev.connector.sonarcloud.sonar.SonarClientError;
import dev.connector.sonarcloud.sonar.SonarErrors;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.sonar.SonarResponse;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.cursor.Cursors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

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
    private final OrganizationIds organizationIds;

    public ActionExecutor(AccountService accounts, SonarClient client, SonarErrors errors, Cursors cursors,
                          ObjectMapper mapper, MeterRegistry meters, OrganizationIds organizationIds) {
        this.organizationIds = organizationIds;
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
            SonarCall call = client.call(account.region(), account.token(), account.id().toString(), account.project());
            Run run = new Run(action, account, checked, pageSize, call);
            ActionResult result = action.handler() != null ? action.handler().handle(run)
                    : fetch(action, action.pager(), run, binding, paging.get(NEXT));
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
            timer(action.id(), outcome, transport).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
            timer("proxy", outcome, Transport.REST).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private record TimerKey(String action, String outcome, Transport transport) {
    }

    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private Timer timer(String action, String outcome, Transport transport) {
        return timers.computeIfAbsent(new TimerKey(action, outcome, transport), key -> Timer.builder("connector.actions")
                .description("Action executions").tag("action", key.action()).tag("outcome", key.outcome())
                .tag("transport", key.transport().id())
                .register(meters));
    }

    private SonarResponse upstream(SonarCall call, AccountCredential account, SonarRequest request) {
        return mapped(account, () -> client.execute(call, request));
    }

    /** SonarQube's 4xx as this service's errors: 401 marks the account (412), the others pass through. */
    private SonarResponse mapped(AccountCredential account, Supplier<SonarResponse> exchange) {
        try {
            return exchange.get();
        } catch (SonarClientError e) {
            if (e.status() == 401) {
                accounts.markTokenRejected(account);
                throw ApiException.accountNotActive("SonarQube Cloud rejected the account's token; the account is no "
                        + "longer active and must be re-linked").withProviderError(errors.providerError(e.response()));
            }
            throw errors.passThrough(e);
        }
    }

    /** One page (or the one answer) through the action's pager, each item mapped; the next state signed. */
    private <S> ActionResult fetch(ActionDefinition action, Pager<S> pager, Run run, String binding, String cursor) {
        S state = null;
        if (cursor != null) {
            if (!pager.paged()) {
                throw ApiException.validation(NEXT, action.id() + " returns everything in one page; next does not apply");
            }
            state = cursors.decode(binding, cursor, pager.stateType());
        }
        Pager.Page<S> page = pager.fetch(run, state);
        JsonNode data;
        if (pager.listResult()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode(page.items().size());
            for (JsonNode item : page.items()) {
                items.add(action.mapper().map(item, page.body()));
            }
            data = items;
        } else {
            data = action.mapper().map(page.items().getFirst(), page.body());
        }
        return new ActionResult(data, page.next() == null ? null : cursors.encode(binding, page.next()), page.body());
    }

    /** The port of one request: the action's inputs and the way to SonarQube Cloud as its account. */
    private final class Run implements ActionPort {
        private final ActionDefinition action;
        private final AccountCredential account;
        private final Map<String, String> inputs;
        private final int pageSize;
        private final SonarCall call;

        Run(ActionDefinition action, AccountCredential account, Map<String, String> inputs, int pageSize,
            SonarCall call) {
            this.action = action;
            this.account = account;
            this.inputs = inputs;
            this.pageSize = pageSize;
            this.call = call;
        }

        @Override
        public String input(String name) {
            return inputs.get(name);
        }

        @Override
        public String organization() {
            return account.organizationKey();
        }

        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public JsonNode call(Map<String, String> extra) {
            return callRaw(extra).json(mapper);
        }

        @Override
        public SonarResponse callRaw(Map<String, String> extra) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (action.upstream().sendsOrganization()) {
                parameters.put("organization", account.organizationKey());
            }
            for (Param param : action.params()) {
                String value = inputs.get(param.name());
                if (value != null && !action.upstream().path().contains("{" + param.name() + "}")) {
                    parameters.put(param.sonarName(), value);
                }
            }
            parameters.putAll(extra);
            return send(action.upstream(), parameters, action.params());
        }

        @Override
        public JsonNode call(Upstream endpoint, Map<String, String> parameters) {
            Map<String, String> all = new LinkedHashMap<>(parameters);
            if (endpoint.sendsOrganization()) {
                all.putIfAbsent("organization", account.organizationKey());
            }
            return send(endpoint, all, List.of()).json(mapper);
        }

        private SonarResponse send(Upstream endpoint, Map<String, String> parameters, List<Param> types) {
            if (endpoint.host() == Upstream.Host.V1) {
                return upstream(call, account, endpoint.request(parameters));
            }
            if (endpoint.organizationIdAs() == null) {
                return upstream(call, account, V2Requests.request(endpoint, parameters, inputs, types, null));
            }
            return mapped(account, () -> organizationIds.with(call, account.id(), account.organizationKey(),
                    id -> client.execute(call, V2Requests.request(endpoint, parameters, inputs, types, id))));
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
                    ? (pathValues.get(param.name()) == null ? null : JsonNodeFactory.instance.stringNode(pathValues.get(param.name())))
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
