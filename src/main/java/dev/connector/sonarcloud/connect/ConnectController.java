package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.AccountView;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.connector.sonarcloud.auth.AcceptsConnectSession;
import dev.connector.sonarcloud.auth.ApiKeys;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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
        String authLink = ServletUriComponentsBuilder.fromCurrentContextPath().path("/hub/connect")
                .fragment("token=" + created.token()).build().toUriString();
        return ResponseEntity.status(201).body(SessionView.of(created.session(), created.token(), authLink));
    }

    public record TokenRequest(String token) {
        @Override
        public String toString() {
            return "TokenRequest[]";
        }
    }

    /** StackOne's check of a session token by the backend that created it: the session, without its token. */
    @PostMapping(path = "/connect_sessions/authenticate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope({Scope.CONNECT, Scope.ACCOUNTS})
    ResponseEntity<SessionView> authenticate(Caller caller, @RequestBody TokenRequest request) {
        return ResponseEntity.status(201).body(SessionView.of(connect.authenticate(caller, request.token()), null, null));
    }

    /**
     * A connect session in StackOne's shape: {@code id} and {@code organization_id} are numbers there (this service
     * has no organizations; it is a stable number for the API key's project, whose name is {@code project_id}).
     * The token and the hosted page's link are shown once, at creation, and never in a log line (see toString).
     */
    public record SessionView(long id, long organizationId, String projectId, String originOwnerId,
                              String originOwnerName, String originUsername, String label, String accountId,
                              boolean multiple, Instant createdAt, Instant expiresAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String authLinkUrl) {

        static SessionView of(ConnectSession session, String token, String authLinkUrl) {
            return new SessionView(session.number(), organizationId(session.project()), session.project(),
                    session.originOwnerId(), session.originOwnerName(), session.originUsername(), session.label(),
                    session.accountId() == null ? null : session.accountId().toString(), session.multiple(),
                    session.createdAt().truncatedTo(ChronoUnit.SECONDS),
                    session.expiresAt().truncatedTo(ChronoUnit.SECONDS), token, authLinkUrl);
        }

        /** A positive number below 2^31 derived from the project name, the same on every instance. */
        static long organizationId(String project) {
            byte[] hash = ApiKeys.sha256(project);
            return ((hash[0] & 0x7FL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
        }

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
