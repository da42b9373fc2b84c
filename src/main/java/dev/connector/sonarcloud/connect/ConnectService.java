package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.OwnerText;
import dev.connector.sonarcloud.account.TokenCredential;
import dev.connector.sonarcloud.auth.ApiKeys;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.sonar.SonarCredentials;
import dev.connector.sonarcloud.web.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The Hub flow: connect sessions, then the form. Shape is checked first (nothing reaches SonarQube Cloud for a
 * blank token), then the token, the organization membership and the user upstream, and only then is anything stored.
 */
@Service
public class ConnectService {

    static final int MAX_FAILED_ATTEMPTS = 10;
    private static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofSeconds(1800);
    private static final Duration MAX_SESSION_LIFETIME = Duration.ofDays(1);

    private final ConnectSessionRepository sessions;
    private final AccountService accounts;
    private final SonarCredentials sonarCredentials;
    private final ConnectLimits limits;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ConnectService(ConnectSessionRepository sessions, AccountService accounts, SonarCredentials sonarCredentials,
                          ConnectLimits limits) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.sonarCredentials = sonarCredentials;
        this.limits = limits;
    }

    public record SessionRequest(String originOwnerId, String originOwnerName, String originUsername, String label,
                                 String accountId, Boolean multiple, Long expiresIn) {
    }

    public record CreatedSession(ConnectSession session, String token) {
        @Override
        public String toString() {
            return "CreatedSession[id=" + session.id() + "]";
        }
    }

    public CreatedSession createSession(Caller caller, SessionRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        OwnerText.check(errors, "origin_owner_id", request.originOwnerId(), true);
        OwnerText.check(errors, "origin_owner_name", request.originOwnerName(), true);
        OwnerText.check(errors, "origin_username", request.originUsername(), false);
        OwnerText.check(errors, "label", request.label(), false);
        long expiresIn = request.expiresIn() == null ? DEFAULT_SESSION_LIFETIME.toSeconds() : request.expiresIn();
        if (expiresIn < 60 || expiresIn > MAX_SESSION_LIFETIME.toSeconds()) {
            errors.add(new ApiException.FieldError("expires_in", "must be between 60 and 86400 seconds"));
        }
        UUID accountId = null;
        if (request.accountId() != null) {
            try {
                accountId = UUID.fromString(request.accountId());
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("account_id", "must be an account id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The session request has invalid fields", errors);
        }
        if (accountId != null) {
            accounts.get(caller.project(), accountId); // 404 for unknown or another project's
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "cs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ConnectSession session = new ConnectSession(UUID.randomUUID(), 0, caller.project(), request.originOwnerId(),
                request.originOwnerName(), request.originUsername(), request.label(), accountId,
                Boolean.TRUE.equals(request.multiple()), now.plusSeconds(expiresIn), 0, null, now);
        long number = sessions.insert(session, ApiKeys.sha256(token));
        return new CreatedSession(new ConnectSession(session.id(), number, session.project(), session.originOwnerId(),
                session.originOwnerName(), session.originUsername(), session.label(), session.accountId(),
                session.multiple(), session.expiresAt(), 0, null, session.createdAt()), token);
    }

    /**
     * The session a token opens, while it can still link an account: not expired, not spent. A token serves any
     * number of Hub calls until then; only linking an account (or too many failed attempts) spends it. A client
     * address that presented too many unknown tokens this minute is refused before the lookup (guessing).
     */
    public ConnectSession activeSession(String sessionToken, String clientAddress) {
        if (sessionToken == null || sessionToken.isBlank()) {
            throw ApiException.unauthorized("Send the connect session token");
        }
        limits.requireSessionGuessesLeft(clientAddress);
        ConnectSession session = sessions.findByTokenHash(ApiKeys.sha256(sessionToken.strip()))
                .filter(s -> s.spentAt() == null && s.expiresAt().isAfter(clock.instant()))
                .orElse(null);
        if (session == null) {
            limits.recordUnknownSession(clientAddress);
            throw ApiException.unauthorized("The connect session is unknown, expired or already used");
        }
        return session;
    }

    /** StackOne's authenticate: the backend checks a session token it was handed; another project's is unknown. */
    public ConnectSession authenticate(Caller caller, String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank()) {
            throw ApiException.validation("token", "is required: the connect session token");
        }
        return sessions.findByTokenHash(ApiKeys.sha256(sessionToken.strip()))
                .filter(s -> s.project().equals(caller.project()))
                .filter(s -> s.spentAt() == null && s.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ApiException.notFound("No active connect session has this token"));
    }

    /** The form posted with a connect session token. */
    public AccountService.Linked connectWithSession(String sessionToken, String clientAddress, ConnectForm form) {
        return connectWithSession(activeSession(sessionToken, clientAddress), form);
    }

    /** The form posted for an open session (the Hub's POST /hub/accounts and the hosted page). */
    public AccountService.Linked connectWithSession(ConnectSession session, ConnectForm form) {
        limits.acquireForSession(session.id().toString());
        limits.acquireForProject(session.project());
        TokenCredential credential;
        SonarCredentials.Identity identity;
        try {
            credential = form.credential();
            identity = sonarCredentials.validate(credential.region(), credential.token(), credential.organizationKey());
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 422) {
                sessions.recordFailure(session.id(), MAX_FAILED_ATTEMPTS, clock.instant());
            }
            throw e;
        }
        AccountService.Link link = new AccountService.Link(session.project(), session.originOwnerId(),
                session.originOwnerName(), session.originUsername(), session.label(), credential.organizationKey(),
                credential.region(), credential.token(), identity.login(), identity.name(), session.multiple(),
                session.accountId());
        return accounts.link(link, () -> {
            if (!sessions.spend(session.id(), clock.instant())) {
                throw ApiException.unauthorized("The connect session is unknown, expired or already used");
            }
        });
    }

    /** The form posted by a backend with its API key; the owner travels in the form. */
    public AccountService.Linked connectWithApiKey(Caller caller, ConnectForm form) {
        caller.require(Scope.CONNECT);
        limits.acquireForProject(caller.project());
        TokenCredential credential = form.credential();
        form.requireOwner();
        SonarCredentials.Identity identity = sonarCredentials.validate(credential.region(), credential.token(),
                credential.organizationKey());
        AccountService.Link link = new AccountService.Link(caller.project(), form.originOwnerId(),
                form.originOwnerName(), form.originUsername(), form.label(), credential.organizationKey(),
                credential.region(), credential.token(), identity.login(), identity.name(),
                Boolean.TRUE.equals(form.multiple()), null);
        return accounts.link(link, () -> { });
    }
}
