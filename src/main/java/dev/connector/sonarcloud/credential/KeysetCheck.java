package dev.connector.sonarcloud.credential;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Is this the keyset that wrote the stored credentials? Checked at start-up and then at most once per interval
 * (readiness component {@code keyset}): warns when rows use key ids the keyset lacks, and is DOWN when stored
 * credentials exist and not one sample decrypts, the sign of a wrong {@code CONNECTOR_KEYSET}. Accounts are never
 * marked for it: once the right keyset is back they work again. Accounts an older version marked
 * {@code credential_unreadable} are set active again as soon as their credential decrypts.
 */
public class KeysetCheck implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(KeysetCheck.class);

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private volatile Result last;
    private volatile Instant checkedAt = Instant.MIN;

    public KeysetCheck(JdbcClient jdbc, CredentialCipher cipher, Duration interval) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.interval = interval;
    }

    /** {@code readable}: no stored credential, or at least one sample decrypts. Row counts by key id. */
    public record Result(boolean readable, Map<Long, Long> rowsByKeyId, Map<Long, Long> rowsOnMissingKeys) {
    }

    private record Sample(UUID id, String project, byte[] ciphertext) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("keyset check postponed: the database is not reachable yet ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public Health health() {
        Result result;
        try {
            result = current();
        } catch (RuntimeException e) {
            return Health.unknown().withDetail("reason", "database unreachable").build();
        }
        Health.Builder builder = result.readable() ? Health.up() : Health.down()
                .withDetail("reason", "no key of the configured keyset decrypts the stored credentials");
        return builder.withDetail("keys_in_keyset", cipher.keyIds().size())
                .withDetail("rows_on_missing_keys", result.rowsOnMissingKeys().values().stream().mapToLong(Long::longValue).sum())
                .build();
    }

    Result current() {
        Result result = last;
        if (result == null || clock.instant().isAfter(checkedAt.plus(interval))) {
            result = check();
        }
        return result;
    }

    /** Runs the check now; logs only when the outcome changes. */
    public synchronized Result check() {
        Map<Long, Long> rows = new TreeMap<>();
        jdbc.sql("select credential_key_id, count(*) from linked_account group by credential_key_id")
                .query((ResultSet rs) -> {
                    rows.put(rs.getLong(1), rs.getLong(2));
                });
        Map<Long, Long> missing = new TreeMap<>(rows);
        missing.keySet().removeAll(cipher.keyIds());
        boolean readable = rows.isEmpty();
        for (Long keyId : rows.keySet()) {
            if (!readable && cipher.keyIds().contains(keyId)) {
                readable = sampleDecrypts(keyId);
            }
        }
        Result result = new Result(readable, rows, missing);
        Result previous = last;
        if (previous == null || previous.readable() != readable || !previous.rowsOnMissingKeys().keySet().equals(missing.keySet())) {
            report(result);
        }
        if (readable && !rows.isEmpty() && (previous == null || !previous.readable())) {
            healMarkedAccounts();
        }
        last = result;
        checkedAt = clock.instant();
        return result;
    }

    private boolean sampleDecrypts(long keyId) {
        List<Sample> samples = jdbc.sql("""
                        select id, project, credential_ciphertext from linked_account
                         where credential_key_id = :key limit 3""")
                .param("key", keyId)
                .query((rs, n) -> new Sample(rs.getObject("id", UUID.class), rs.getString("project"), rs.getBytes(3)))
                .list();
        return samples.stream().anyMatch(this::decrypts);
    }

    private boolean decrypts(Sample sample) {
        try {
            cipher.decrypt(sample.ciphertext(), sample.project(), sample.id());
            return true;
        } catch (CredentialUnreadableException e) {
            return false;
        }
    }

    private void report(Result result) {
        if (!result.readable()) {
            log.error("WRONG CREDENTIAL KEYSET: none of the {} key(s) of the configured keyset (CONNECTOR_KEYSET / "
                            + "CONNECTOR_KEYSET_FILE) decrypts the stored credentials (rows by key id: {}); the service "
                            + "is not ready. Configure the keyset that wrote them; no account is changed meanwhile.",
                    cipher.keyIds().size(), result.rowsByKeyId());
        } else if (!result.rowsOnMissingKeys().isEmpty()) {
            log.warn("stored credentials use key ids missing from the keyset (rows by key id: {}): those accounts "
                    + "answer 503 until the keyset holds their key again", result.rowsOnMissingKeys());
        } else if (last != null) {
            log.info("credential keyset check: every stored credential's key is in the keyset");
        }
    }

    /** Accounts an older version set to error for an unreadable credential: active again once it decrypts. */
    private void healMarkedAccounts() {
        List<Sample> marked = jdbc.sql("""
                        select id, project, credential_ciphertext from linked_account
                         where status = 'error' and status_reasons @> '[{"code": "credential_unreadable"}]'::jsonb""")
                .query((rs, n) -> new Sample(rs.getObject("id", UUID.class), rs.getString("project"), rs.getBytes(3)))
                .list();
        int healed = 0;
        for (Sample sample : marked) {
            if (decrypts(sample)) {
                healed += jdbc.sql("""
                                update linked_account set status = 'active', status_reasons = '[]'::jsonb, updated_at = now()
                                 where id = :id and status = 'error'""")
                        .param("id", sample.id()).update();
            }
        }
        if (healed > 0) {
            log.info("{} account(s) marked credential_unreadable by an earlier keyset are readable again: set active", healed);
        }
    }
}
