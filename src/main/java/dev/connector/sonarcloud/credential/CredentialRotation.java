package dev.connector.sonarcloud.credential;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation: after a new primary key is added to the keyset (old keys kept, so old rows still decrypt), this
 * moves every stored credential to the primary key in small transactions, without downtime. Rows no key opens are
 * counted and left alone. {@code connector_credentials_old_key_rows} tells how many rows still use an old key.
 */
@Service
public class CredentialRotation {

    private static final Logger log = LoggerFactory.getLogger(CredentialRotation.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final TransactionTemplate transactions;

    public CredentialRotation(JdbcClient jdbc, CredentialCipher cipher, TransactionTemplate transactions,
                              MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
        Gauge.builder("connector.credentials.old_key_rows", this::rowsOnOldKeysOrNaN)
                .description("Stored credentials not yet under the keyset's primary key")
                .register(meters);
    }

    public record KeyUsage(long primaryKeyId, Map<String, Long> rowsByKeyId, long rowsOnOldKeys) {
    }

    public record Reencryption(long reencrypted, long unreadable, long remainingOnOldKeys) {
    }

    private record Row(UUID id, String project, byte[] ciphertext) {
    }

    public KeyUsage usage() {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("select credential_key_id, count(*) as n from linked_account group by credential_key_id")
                .query((ResultSet rs) -> {
                    rows.put(Long.toString(rs.getLong(1)), rs.getLong(2));
                });
        long old = rows.entrySet().stream().filter(e -> !e.getKey().equals(Long.toString(cipher.primaryKeyId())))
                .mapToLong(Map.Entry::getValue).sum();
        return new KeyUsage(cipher.primaryKeyId(), rows, old);
    }

    public Reencryption reencryptAll() {
        long reencrypted = 0;
        long unreadable = 0;
        UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
        while (true) {
            UUID from = after;
            List<Row> batch = transactions.execute(status -> jdbc.sql("""
                            select id, project, credential_ciphertext from linked_account
                             where credential_key_id <> :primary and id > :after
                             order by id limit :limit
                             for update skip locked""")
                    .param("primary", cipher.primaryKeyId()).param("after", from).param("limit", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("project"),
                            rs.getBytes("credential_ciphertext")))
                    .list());
            if (batch == null || batch.isEmpty()) {
                break;
            }
            after = batch.getLast().id(); // ordered by PostgreSQL, whose uuid order Java's compareTo does not share
            long[] counts = transactions.execute(status -> {
                long done = 0;
                long bad = 0;
                for (Row row : batch) {
                    String token;
                    try {
                        token = cipher.decrypt(row.ciphertext(), row.project(), row.id());
                    } catch (CredentialUnreadableException e) {
                        bad++;
                        continue;
                    }
                    byte[] ciphertext = cipher.encrypt(token, row.project(), row.id());
                    // only if nobody re-linked the row meanwhile (a re-link already wrote under the primary key)
                    done += jdbc.sql("""
                                    update linked_account set credential_ciphertext = :new, credential_key_id = :key
                                     where id = :id and credential_ciphertext = :old""")
                            .param("new", ciphertext).param("key", CredentialCipher.keyId(ciphertext))
                            .param("id", row.id()).param("old", row.ciphertext())
                            .update();
                }
                return new long[] {done, bad};
            });
            reencrypted += counts[0];
            unreadable += counts[1];
        }
        long remaining = usage().rowsOnOldKeys();
        log.info("credential re-encryption: {} rows moved to key {}, {} unreadable, {} still on old keys",
                reencrypted, cipher.primaryKeyId(), unreadable, remaining);
        return new Reencryption(reencrypted, unreadable, remaining);
    }

    private double rowsOnOldKeysOrNaN() {
        try {
            return jdbc.sql("select count(*) from linked_account where credential_key_id <> :primary")
                    .param("primary", cipher.primaryKeyId()).query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
