package dev.connector.sonarcloud.bench;

import dev.connector.sonarcloud.credential.CredentialCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * For bench/run only (not a test): fills linked_account up to a total number of rows for scenario (f). Every row is
 * a real account: active, region eu, organization my-org, its token encrypted with the service's keyset and the
 * same associated data as {@link CredentialCipher} (project and id), written with the same columns as
 * AccountRepository.insert. The ids of the first {@code <hot>} new rows go to {@code <ids-file>}, one a line: the
 * accounts the load is spread over. Rows that exist already (accounts linked through /connect) count in the total.
 * Prints the number of rows at the end on standard output.
 *
 * <p>Usage: {@code BenchAccounts <jdbc-url> <user> <password> <keyset-file> <project> <total> <hot> <ids-file>}
 */
public final class BenchAccounts {

    private BenchAccounts() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String project = args[4];
        int total = Integer.parseInt(args[5]);
        int hot = Integer.parseInt(args[6]);
        Path idsFile = Path.of(args[7]);
        CredentialCipher cipher = new CredentialCipher(Files.readString(Path.of(args[3])));
        SecureRandom random = new SecureRandom();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", args[1], args[2])) {
            int existing;
            try (Statement count = db.createStatement();
                 ResultSet rs = count.executeQuery("select count(*) from linked_account")) {
                rs.next();
                existing = rs.getInt(1);
            }
            // the hot accounts are always new rows; should /connect have linked more than total - hot, the table ends larger
            int missing = Math.max(hot, total - existing);
            db.setAutoCommit(false);
            List<UUID> hotIds = new ArrayList<>(hot);
            Instant now = Instant.now();
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into linked_account (id, project, status, status_reasons, origin_owner_id, origin_owner_name,
                        origin_username, label, organization_key, region, login, user_name, multiple,
                        credential_ciphertext, credential_key_id, token_last_used_at, created_at, updated_at)
                    values (?, ?, 'active', '[]'::jsonb, ?, ?, ?, ?, 'my-org', 'eu', 'bench.user', 'Bench User', true,
                        ?, ?, ?, ?, ?)""")) {
                byte[] tokenBytes = new byte[20];
                for (int i = 0; i < missing; i++) {
                    UUID id = UUID.randomUUID();
                    random.nextBytes(tokenBytes);
                    byte[] ciphertext = cipher.encrypt(HexFormat.of().formatHex(tokenBytes), project, id);
                    // spread over time so that listings and indexes look like years of use; the hot ones are recent
                    Instant created = now.minusSeconds(i < hot ? i : 600L * i);
                    int owner = i % 20_000;
                    insert.setObject(1, id);
                    insert.setString(2, project);
                    insert.setString(3, "owner-" + owner);
                    insert.setString(4, "Owner " + owner);
                    insert.setString(5, "user" + owner);
                    insert.setString(6, "bench account " + i);
                    insert.setBytes(7, ciphertext);
                    insert.setLong(8, CredentialCipher.keyId(ciphertext));
                    insert.setTimestamp(9, Timestamp.from(now));
                    insert.setTimestamp(10, Timestamp.from(created));
                    insert.setTimestamp(11, Timestamp.from(created));
                    insert.addBatch();
                    if (i < hot) {
                        hotIds.add(id);
                    }
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            try (Statement analyze = db.createStatement()) {
                db.setAutoCommit(true);
                analyze.execute("analyze linked_account");
            }
            Files.write(idsFile, hotIds.stream().map(UUID::toString).toList());
            System.err.printf("linked_account: %d rows existed, %d added (%d total) in %.1f s; %d hot ids in %s%n",
                    existing, missing, existing + missing, (System.nanoTime() - started) / 1e9, hotIds.size(), idsFile);
            System.out.println(existing + missing);
        }
    }
}
