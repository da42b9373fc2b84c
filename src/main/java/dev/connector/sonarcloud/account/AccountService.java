package dev.connector.sonarcloud.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.connector.sonarcloud.credential.CredentialCipher;
import dev.connector.sonarcloud.credential.CredentialUnreadableException;
import dev.connector.sonarcloud.event.AccountEvents;
import dev.connector.sonarcloud.event.EventType;
import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Linked accounts: linking (StackOne's upsert rule, one transaction), reading, status changes, and the
 * credentials actions run with. Decrypted credentials of active accounts are cached briefly in memory
 * (bounded, evicted on every change made here) so a warm read action touches no database. Every change writes its
 * account event (webhooks) in its own transaction.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Duration TOKEN_USE_WRITE_INTERVAL = Duration.ofHours(1);

    private final AccountRepository repository;
    private final CredentialCipher cipher;
    private final TransactionTemplate transactions;
    private final AccountEvents events;
    private final Clock clock;
    private final Cache<UUID, AccountCredential> credentials;
    /** Bumped by every {@link #evict}; a load that started before an eviction must not store what it read. */
    private final AtomicLong evictions = new AtomicLong();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    private final Duration cacheTtl;
    /** How long a new cache entry lives: short while other instances' changes may go unheard ({@link #notificationsLost}). */
    private volatile Duration entryTtl;

    public AccountService(AccountRepository repository, CredentialCipher cipher, TransactionTemplate transactions,
                          AccountEvents events,
                          CredentialCacheProperties cache) {
        this.repository = repository;
        this.cipher = cipher;
        this.transactions = transactions;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.cacheTtl = cache.ttl();
        this.entryTtl = cache.ttl();
        this.credentials = Caffeine.newBuilder().maximumSize(cache.size())
                .expireAfter(Expiry.<UUID, AccountCredential>creating((id, credential) -> entryTtl))
                .build();
    }

    /** What a (re-)link stores. {@code relinkAccountId} names the account a connect session re-links. */
    public record Link(String project, String originOwnerId, String originOwnerName, String originUsername,
                       String label, String organizationKey, Region region, String token, String login,
                       String userName, boolean multiple, UUID relinkAccountId) {

        @Override
        public String toString() {
            return "Link[project=" + project + ", organizationKey=" + organizationKey + ", region=" + region + "]";
        }
    }

    public record Linked(LinkedAccount account, boolean created) {
    }

    /** Links in one transaction; {@code inTransaction} runs inside it before the account is written (may veto by throwing). */
    public Linked link(Link link, Runnable inTransaction) {
        Linked linked;
        try {
            linked = linkInTransaction(link, inTransaction);
        } catch (DuplicateKeyException e) {
            // a re-link onto the (owner, organization) that another account of the project holds
            throw ApiException.conflict("Another linked account of this project already holds this owner and "
                    + "organization '" + link.organizationKey() + "'; delete or re-link that one instead");
        }
        evict(linked.account().id());
        return linked;
    }

    private Linked linkInTransaction(Link link, Runnable inTransaction) {
        return transactions.execute(status -> {
            inTransaction.run();
            if (link.relinkAccountId() != null) {
                LinkedAccount existing = repository.lock(link.project(), link.relinkAccountId())
                        .orElseThrow(() -> ApiException.notFound("No such account"));
                return new Linked(relink(existing, link), false);
            }
            if (!link.multiple()) {
                repository.lockLinkKey(link.project(), link.originOwnerId(), link.organizationKey());
                var existing = repository.findForRelink(link.project(), link.originOwnerId(), link.organizationKey());
                if (existing.isPresent()) {
                    return new Linked(relink(existing.get(), link), false);
                }
            }
            Instant now = clock.instant();
            LinkedAccount account = new LinkedAccount(UUID.randomUUID(), link.project(), AccountStatus.ACTIVE, List.of(),
                    link.originOwnerId(), link.originOwnerName(), link.originUsername(), link.label(),
                    link.organizationKey(), link.region(), link.login(), link.userName(), link.multiple(), now, now, now);
            byte[] ciphertext = cipher.encrypt(link.token(), account.project(), account.id());
            repository.insert(account, ciphertext, CredentialCipher.keyId(ciphertext));
            emit(EventType.ACCOUNT_CREATED, account);
            return new Linked(account, true);
        });
    }

    private LinkedAccount relink(LinkedAccount existing, Link link) {
        Instant now = clock.instant();
        LinkedAccount account = new LinkedAccount(existing.id(), existing.project(), AccountStatus.ACTIVE, List.of(),
                existing.originOwnerId(), orElse(link.originOwnerName(), existing.originOwnerName()),
                orElse(link.originUsername(), existing.originUsername()), orElse(link.label(), existing.label()),
                link.organizationKey(), link.region(), link.login(), link.userName(), existing.multiple(), now,
                existing.createdAt(), now);
        byte[] ciphertext = cipher.encrypt(link.token(), account.project(), account.id());
        repository.relink(account, ciphertext, CredentialCipher.keyId(ciphertext));
        emit(EventType.ACCOUNT_UPDATED, account);
        return account;
    }

    public LinkedAccount get(String project, UUID id) {
        return repository.find(project, id).orElseThrow(() -> ApiException.notFound("No such account"));
    }

    /** The stored token, for re-validation. */
    public String token(String project, UUID id) {
        var stored = repository.findWithCredential(project, id).orElseThrow(() -> ApiException.notFound("No such account"));
        try {
            return cipher.decrypt(stored.ciphertext(), project, id);
        } catch (CredentialUnreadableException e) {
            throw credentialUnreadable(project, id);
        }
    }

    public List<LinkedAccount> page(String project, AccountFilter filter, long offset, int limit) {
        return repository.page(project, filter, offset, limit);
    }

    public LinkedAccount updateDetails(String project, UUID id, String label, String originOwnerName) {
        return transactions.execute(status -> {
            LinkedAccount current = repository.lock(project, id).orElseThrow(() -> ApiException.notFound("No such account"));
            LinkedAccount updated = new LinkedAccount(current.id(), current.project(), current.status(),
                    current.statusReasons(), current.originOwnerId(), orElse(originOwnerName, current.originOwnerName()),
                    current.originUsername(), orElse(label, current.label()), current.organizationKey(), current.region(),
                    current.login(), current.userName(), current.multiple(), current.tokenLastUsedAt(),
                    current.createdAt(), clock.instant());
            repository.updateDetails(updated);
            emit(EventType.ACCOUNT_UPDATED, updated);
            return updated;
        });
    }

    /** Deletes the account and its ciphertext (one event); answers the account as it was. */
    public LinkedAccount delete(String project, UUID id) {
        LinkedAccount deleted = transactions.execute(status -> {
            LinkedAccount account = repository.lock(project, id).flatMap(a -> repository.delete(project, id)).orElse(null);
            if (account != null) {
                emit(EventType.ACCOUNT_DELETED, account);
            }
            return account;
        });
        evict(id);
        if (deleted == null) {
            throw ApiException.notFound("No such account");
        }
        return deleted;
    }

    /** A change of status (or of its reason) is an event: error, expired, or updated for anything else. */
    public LinkedAccount setStatus(String project, UUID id, AccountStatus status, String reasonCode, String description) {
        List<LinkedAccount.StatusReason> reasons = reasonCode == null ? List.of()
                : List.of(new LinkedAccount.StatusReason(reasonCode, description, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        LinkedAccount updated = transactions.execute(tx -> {
            LinkedAccount current = repository.lock(project, id).orElseThrow(() -> ApiException.notFound("No such account"));
            repository.updateStatus(project, id, status, reasons, clock.instant());
            LinkedAccount changed = repository.find(project, id).orElseThrow();
            boolean sameReasons = current.statusReasons().stream().map(LinkedAccount.StatusReason::code).toList()
                    .equals(reasons.stream().map(LinkedAccount.StatusReason::code).toList());
            if (current.status() != status || !sameReasons) {
                emit(switch (status) {
                    case ERROR -> EventType.ACCOUNT_ERROR;
                    case EXPIRED -> EventType.ACCOUNT_EXPIRED;
                    default -> EventType.ACCOUNT_UPDATED;
                }, changed);
            }
            return changed;
        });
        evict(id);
        return updated;
    }

    private void emit(EventType type, LinkedAccount account) {
        events.publish(type, account.project(), account.id(), AccountView.of(account));
    }

    /**
     * The credential an action runs with. Served from memory when warm; otherwise one read and one decryption.
     * Accounts that are not active answer 412 without any upstream call.
     */
    public AccountCredential credential(String project, UUID id) {
        AccountCredential cached = credentials.getIfPresent(id);
        if (cached != null && cached.project().equals(project)) {
            return cached;
        }
        long evictionsBeforeRead = evictions.get();
        var stored = repository.findWithCredential(project, id).orElseThrow(() -> ApiException.notFound("No such account"));
        LinkedAccount account = stored.account();
        if (account.status() != AccountStatus.ACTIVE) {
            throw notActive(account);
        }
        String token;
        try {
            token = cipher.decrypt(stored.ciphertext(), project, id);
        } catch (CredentialUnreadableException e) {
            throw credentialUnreadable(project, id);
        }
        AccountCredential credential = new AccountCredential(id, project, account.region(), account.organizationKey(),
                token, account.tokenLastUsedAt());
        // stored only if no eviction ran since the read began: a write that committed meanwhile must not be undone
        credentials.asMap().compute(id, (key, current) -> evictions.get() == evictionsBeforeRead ? credential : current);
        return credential;
    }

    /**
     * Forgets the account's cached credential once its row has changed (call it after the change is committed).
     * Bumping the counter inside the same atomic step as the removal means a load that read the row before the
     * change cannot put the old credential back afterwards (see {@link #credential}).
     */
    public void evict(UUID id) {
        credentials.asMap().compute(id, (key, current) -> {
            evictions.incrementAndGet();
            return null;
        });
    }

    /**
     * Other instances' changes are heard again (the notification connection is up): entries live the full TTL. Changes
     * made while nobody listened are unknown, so everything cached before is forgotten.
     */
    public void notificationsRestored() {
        entryTtl = cacheTtl;
        evictAll();
    }

    /** Other instances' changes may go unheard: forget everything cached and keep new entries only {@code ttl}. */
    public void notificationsLost(Duration ttl) {
        entryTtl = ttl;
        evictAll();
    }

    private void evictAll() {
        evictions.incrementAndGet();
        credentials.invalidateAll();
    }

    /** SonarQube Cloud refused the token on an action: the account is expired (past its 60 days) or in error. */
    public void markTokenRejected(AccountCredential credential) {
        markTokenRejected(credential.project(), credential.id(), credential.tokenLastUsedAt());
    }

    public LinkedAccount markTokenRejected(String project, UUID id, Instant tokenLastUsedAt) {
        boolean expired = clock.instant().isAfter(tokenLastUsedAt.plus(LinkedAccount.TOKEN_LIFETIME));
        log.warn("account {} marked {}: SonarQube Cloud rejects its token", id, expired ? "expired" : "error");
        return setStatus(project, id, expired ? AccountStatus.EXPIRED : AccountStatus.ERROR,
                expired ? "token_expired" : "token_rejected",
                expired ? "The token passed 60 days without use and SonarQube Cloud expired it; re-link the account"
                        : "SonarQube Cloud rejected the token (401); it was revoked or replaced; re-link the account");
    }

    /** Successful upstream use renews the token's 60 days; written at most about once an hour, off the request path. */
    public void recordTokenUse(AccountCredential credential) {
        Instant now = clock.instant();
        if (Duration.between(credential.tokenLastUsedAt(), now).compareTo(TOKEN_USE_WRITE_INTERVAL) < 0) {
            return;
        }
        AccountCredential renewed = new AccountCredential(credential.id(), credential.project(), credential.region(),
                credential.organizationKey(), credential.token(), now);
        if (credentials.asMap().replace(credential.id(), credential, renewed) || credentials.getIfPresent(credential.id()) == null) {
            background.submit(() -> {
                try {
                    repository.touchTokenUse(credential.id(), now);
                } catch (RuntimeException e) {
                    log.warn("could not record token use for account {}: {}", credential.id(), e.getClass().getSimpleName());
                }
            });
        }
    }

    /**
     * No key of the keyset opens this row: the operator's keyset is wrong or lacks a key, which is the service's
     * problem, not the account's. Nothing is marked, so the account works again once the keyset is right.
     */
    private ApiException credentialUnreadable(String project, UUID id) {
        log.error("account {}: its stored credential does not decrypt with the configured keyset (key missing or "
                + "wrong keyset; see the keyset readiness check); the account is left as it is", id);
        return ApiException.unavailable(ErrorCode.CREDENTIAL_UNREADABLE,
                "The service cannot read this account's stored credential right now (a server-side keyset problem, "
                        + "not the account's); nothing was changed. Try again later; no need to re-link.", 60);
    }

    public static ApiException notActive(LinkedAccount account) {
        String why = account.statusReasons().isEmpty() ? "" : ": " + account.statusReasons().getFirst().description();
        return ApiException.accountNotActive("The account is " + account.status() + why);
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
