package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.event.AccountEvents;
import dev.connector.sonarcloud.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code account.token_expiring}: SonarQube Cloud expires a token 60 days after its last use; this warns
 * {@code lead-time} before, once per expiry window (a new use opens a new window). Every instance may run the scan:
 * the warning is claimed with an upsert on token_expiry_notice in the event's own transaction, so only one wins.
 */
@Component
public class TokenExpiryWarnings {

    private static final Logger log = LoggerFactory.getLogger(TokenExpiryWarnings.class);
    private static final int BATCH = 200;

    private final AccountRepository repository;
    private final AccountEvents events;
    private final TransactionTemplate transactions;
    private final Duration leadTime;
    private final Clock clock = Clock.systemUTC();

    public TokenExpiryWarnings(AccountRepository repository, AccountEvents events, TransactionTemplate transactions,
                               @Value("${connector.events.token-expiring-lead-time:7d}") Duration leadTime) {
        this.repository = repository;
        this.events = events;
        this.transactions = transactions;
        this.leadTime = leadTime;
    }

    @Scheduled(fixedDelayString = "${connector.events.token-expiry-scan-interval:PT1H}",
            initialDelayString = "${connector.events.token-expiry-scan-initial-delay:PT1M}")
    void scheduledScan() {
        try {
            scan(clock.instant());
        } catch (RuntimeException e) {
            log.warn("token expiry scan failed: {}", e.getClass().getSimpleName()); // the next run tries again
        }
    }

    /** Warns about every token that expires within the lead time as of {@code now}; answers how many warnings it sent. */
    public int scan(Instant now) {
        int warned = 0;
        while (true) {
            List<LinkedAccount> due = repository.tokensToWarn(now, now.plus(leadTime), BATCH);
            int before = warned;
            for (LinkedAccount account : due) {
                Boolean sent = transactions.execute(status -> {
                    LinkedAccount current = repository.lock(account.project(), account.id()).orElse(null);
                    if (current == null || current.status() != AccountStatus.ACTIVE
                            || !current.tokenLastUsedAt().equals(account.tokenLastUsedAt())
                            || !repository.claimExpiryWarning(current.id(), current.tokenLastUsedAt(), now)) {
                        return false;
                    }
                    events.publish(EventType.ACCOUNT_TOKEN_EXPIRING, current.project(), current.id(), AccountView.of(current));
                    return true;
                });
                if (Boolean.TRUE.equals(sent)) {
                    warned++;
                }
            }
            if (due.size() < BATCH || warned == before) {
                return warned;
            }
        }
    }
}
