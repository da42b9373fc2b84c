package dev.connector.sonarcloud.hub;

import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.AccountView;
import dev.connector.sonarcloud.account.LinkedAccount;
import dev.connector.sonarcloud.auth.PublicRoute;
import dev.connector.sonarcloud.connect.ConnectForm;
import dev.connector.sonarcloud.connect.ConnectService;
import dev.connector.sonarcloud.connect.ConnectSession;
import dev.connector.sonarcloud.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the {@code @stackone/hub} web component calls, authenticated by the connect session token in
 * {@code x-hub-session-token} (the browser holds no API key). A token serves any number of these calls until it
 * expires or links an account. Errors carry a message written for the person at the form (see HubMessages).
 */
@RestController
@RequestMapping("/hub")
@PublicRoute
public class HubController {

    static final String SESSION_HEADER = "x-hub-session-token";
    private static final String REDACTED = "__secretvalue:**redacted**";

    private final ConnectService connect;
    private final AccountService accounts;
    /** The current request (a proxy): its client address counts unknown session tokens. */
    private final HttpServletRequest request;

    public HubController(ConnectService connect, AccountService accounts, HttpServletRequest request) {
        this.connect = connect;
        this.accounts = accounts;
        this.request = request;
    }

    @GetMapping("/settings")
    Map<String, Object> settings(@RequestHeader(name = SESSION_HEADER, required = false) String token) {
        ConnectSession session = session(token);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("enabled_features", List.of());
        settings.put("existing_account_id", session.accountId() == null ? null : session.accountId().toString());
        return settings;
    }

    @GetMapping("/connectors")
    Map<String, Object> connectors(@RequestHeader(name = SESSION_HEADER, required = false) String token,
                                   @RequestParam(required = false) String provider) {
        session(token);
        boolean listed = provider == null || provider.isBlank() || provider.strip().equals(AccountView.PROVIDER);
        return Map.of("integrations", listed ? List.of(HubConnector.integration(logoUrl())) : List.of());
    }

    @GetMapping("/connectors/{integration_id}")
    Map<String, Object> connector(@RequestHeader(name = SESSION_HEADER, required = false) String token,
                                  @PathVariable("integration_id") String integrationId) {
        session(token);
        if (!integrationId.equals(HubConnector.INTEGRATION_ID)) {
            throw ApiException.notFound("No such integration");
        }
        return HubConnector.config(logoUrl());
    }

    /** The form's answers, nested as the Hub sends them; the Hub leaves out fields left empty. */
    public record AccountRequest(String integrationId, Map<String, String> credentials) {
        @Override
        public String toString() {
            return "AccountRequest[integrationId=" + integrationId + "]";
        }

        String credential(String key) {
            return credentials == null ? null : credentials.get(key);
        }
    }

    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountView> link(@RequestHeader(name = SESSION_HEADER, required = false) String token,
                                     @RequestBody AccountRequest request) {
        ConnectSession session = session(token);
        checkIntegration(request);
        ConnectForm form = new ConnectForm(request.credential("personal_access_token"),
                request.credential("organization_key"), request.credential("region"), null, null, null, null, null);
        return linked(HubMessages.readable(() -> connect.connectWithSession(session, form), form));
    }

    /** Edit mode: the account the session re-links, with its token redacted (camelCase: what the Hub reads). */
    @GetMapping("/accounts/{id}")
    Map<String, Object> account(@RequestHeader(name = SESSION_HEADER, required = false) String token,
                                @PathVariable String id) {
        ConnectSession session = session(token);
        LinkedAccount account = sessionAccount(session, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", account.id().toString());
        body.put("provider", AccountView.PROVIDER);
        body.put("integrationId", HubConnector.INTEGRATION_ID);
        body.put("authConfigKey", HubConnector.AUTH_CONFIG_KEY);
        body.put("environment", HubConnector.ENVIRONMENT);
        body.put("setupInformation", Map.of("organization_key", account.organizationKey(), "region", account.region().id()));
        body.put("secrets", Map.of("personal_access_token", REDACTED));
        return body;
    }

    /** Edit mode's save: a partial form; without a new token the stored one is validated again and kept. */
    @PatchMapping(path = "/accounts/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountView> relink(@RequestHeader(name = SESSION_HEADER, required = false) String token,
                                       @PathVariable String id, @RequestBody AccountRequest request) {
        ConnectSession session = session(token);
        checkIntegration(request);
        LinkedAccount account = sessionAccount(session, id);
        String newToken = request.credential("personal_access_token");
        String organizationKey = request.credential("organization_key");
        String region = request.credential("region");
        ConnectForm form = new ConnectForm(
                newToken == null || newToken.startsWith(REDACTED) ? accounts.token(session.project(), account.id()) : newToken,
                organizationKey == null ? account.organizationKey() : organizationKey,
                region == null ? account.region().id() : region, null, null, null, null, null);
        return linked(HubMessages.readable(() -> connect.connectWithSession(session, form), form));
    }

    private static ResponseEntity<AccountView> linked(AccountService.Linked linked) {
        return ResponseEntity.status(linked.created() ? 201 : 200)
                .location(URI.create("/accounts/" + linked.account().id()))
                .body(AccountView.of(linked.account()));
    }

    private ConnectSession session(String token) {
        return connect.activeSession(token, request.getRemoteAddr());
    }

    /** Only the account this session was made to re-link is visible through it. */
    private LinkedAccount sessionAccount(ConnectSession session, String id) {
        if (session.accountId() == null || !session.accountId().toString().equals(id)) {
            throw ApiException.notFound("No such account for this connect session");
        }
        return accounts.get(session.project(), session.accountId());
    }

    private static void checkIntegration(AccountRequest request) {
        if (request.integrationId() != null && !request.integrationId().equals(HubConnector.INTEGRATION_ID)) {
            throw ApiException.validation("integration_id", "must be '" + HubConnector.INTEGRATION_ID + "'");
        }
    }

    private static String logoUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/hub/logo.svg").toUriString();
    }
}
