package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.AccountView;
import dev.connector.sonarcloud.auth.AcceptsConnectSession;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.CallerInterceptor;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.web.AccessLogFilter;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ConnectController {

    private final ConnectService connect;
    private final ConnectPage page;
    private final ErrorHandler errors;

    public ConnectController(ConnectService connect, ConnectPage page, ErrorHandler errors) {
        this.connect = connect;
        this.page = page;
        this.errors = errors;
    }

    @PostMapping(path = "/connect_sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope({Scope.CONNECT, Scope.ACCOUNTS})
    ResponseEntity<SessionView> createSession(Caller caller, @RequestBody ConnectService.SessionRequest request) {
        ConnectService.CreatedSession created = connect.createSession(caller, request);
        ConnectSession session = created.session();
        return ResponseEntity.status(201).body(new SessionView(session.id().toString(), created.token(),
                session.expiresAt().truncatedTo(ChronoUnit.SECONDS), session.originOwnerId(), session.originOwnerName(),
                session.originUsername(), session.label(),
                session.accountId() == null ? null : session.accountId().toString(), session.multiple(),
                session.createdAt().truncatedTo(ChronoUnit.SECONDS)));
    }

    /** The created session; the token is shown this once and never in a log line (see toString). */
    public record SessionView(String id, String token, Instant expiresAt, String originOwnerId, String originOwnerName,
                              String originUsername, String label, String accountId, boolean multiple,
                              Instant createdAt) {
        @Override
        public String toString() {
            return "SessionView[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }

    @PostMapping(path = "/connect", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AcceptsConnectSession
    ResponseEntity<AccountView> connectJson(HttpServletRequest request, @RequestBody ConnectForm form) {
        return connect(request, form);
    }

    /** Also a plain HTML form (session token in the field session_token): a browser gets a page or a redirect. */
    @PostMapping(path = "/connect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @AcceptsConnectSession
    ResponseEntity<?> connectForm(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form) {
        ResponseEntity<AccountView> linked = connect(request, ConnectForm.fromForm(form.toSingleValueMap()));
        return ConnectPage.wanted(request) ? page.linked(linked.getBody(), linked.getStatusCode().value() == 201) : linked;
    }

    /** Failures of a browser form post (the interceptor's included) answer HTML too; everything else a problem. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<?> failed(ApiException e, HttpServletRequest request) {
        boolean formPost = MediaType.APPLICATION_FORM_URLENCODED.includes(contentType(request));
        return formPost && ConnectPage.wanted(request) ? page.failed(e) : errors.api(e);
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ResponseEntity<AccountView> connect(HttpServletRequest request, ConnectForm form) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        AccountService.Linked linked = caller != null
                ? connect.connectWithApiKey(caller, form)
                : connect.connectWithSession((String) request.getAttribute(CallerInterceptor.SESSION_TOKEN),
                        request.getRemoteAddr(), form);
        request.setAttribute(AccessLogFilter.ACCOUNT, linked.account().id().toString());
        return ResponseEntity.status(linked.created() ? 201 : 200)
                .location(URI.create("/accounts/" + linked.account().id()))
                .body(AccountView.of(linked.account()));
    }
}
