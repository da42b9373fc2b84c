package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.AccountView;
import dev.connector.sonarcloud.auth.AcceptsConnectSession;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.CallerInterceptor;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ConnectController {

    private final ConnectService connect;

    public ConnectController(ConnectService connect) {
        this.connect = connect;
    }

    @PostMapping(path = "/connect_sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope({Scope.CONNECT, Scope.ACCOUNTS})
    ResponseEntity<Map<String, Object>> createSession(Caller caller, @RequestBody ConnectService.SessionRequest request) {
        ConnectService.CreatedSession created = connect.createSession(caller, request);
        ConnectSession session = created.session();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", session.id().toString());
        body.put("token", created.token());
        body.put("expires_at", session.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        body.put("origin_owner_id", session.originOwnerId());
        body.put("origin_owner_name", session.originOwnerName());
        body.put("origin_username", session.originUsername());
        body.put("label", session.label());
        body.put("account_id", session.accountId() == null ? null : session.accountId().toString());
        body.put("multiple", session.multiple());
        body.put("created_at", session.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return ResponseEntity.status(201).body(body);
    }

    @PostMapping(path = "/connect", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AcceptsConnectSession
    ResponseEntity<AccountView> connectJson(HttpServletRequest request, @RequestBody ConnectForm form) {
        return connect(request, form);
    }

    @PostMapping(path = "/connect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @AcceptsConnectSession
    ResponseEntity<AccountView> connectForm(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form) {
        return connect(request, ConnectForm.fromForm(form.toSingleValueMap()));
    }

    private ResponseEntity<AccountView> connect(HttpServletRequest request, ConnectForm form) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        AccountService.Linked linked = caller != null
                ? connect.connectWithApiKey(caller, form)
                : connect.connectWithSession((String) request.getAttribute(CallerInterceptor.SESSION_TOKEN), form);
        return ResponseEntity.status(linked.created() ? 201 : 200)
                .location(URI.create("/accounts/" + linked.account().id()))
                .body(AccountView.of(linked.account()));
    }
}
