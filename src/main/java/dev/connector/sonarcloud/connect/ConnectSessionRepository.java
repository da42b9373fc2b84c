package dev.connector.sonarcloud.connect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ConnectSessionRepository {

    private final JdbcClient jdbc;

    public ConnectSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the session; answers its sequence number (StackOne's numeric session id). */
    public long insert(ConnectSession s, byte[] tokenSha256) {
        return jdbc.sql("""
                insert into connect_session (id, project, token_sha256, origin_owner_id, origin_owner_name,
                    origin_username, label, account_id, multiple, expires_at, created_at)
                values (:id, :project, :hash, :owner, :ownerName, :username, :label, :accountId, :multiple, :expires, :created)
                returning number""")
                .param("id", s.id()).param("project", s.project()).param("hash", tokenSha256)
                .param("owner", s.originOwnerId()).param("ownerName", s.originOwnerName())
                .param("username", s.originUsername()).param("label", s.label()).param("accountId", s.accountId())
                .param("multiple", s.multiple()).param("expires", Timestamp.from(s.expiresAt()))
                .param("created", Timestamp.from(s.createdAt()))
                .query(Long.class).single();
    }

    public Optional<ConnectSession> findByTokenHash(byte[] tokenSha256) {
        return jdbc.sql("select * from connect_session where token_sha256 = :hash")
                .param("hash", tokenSha256).query(this::map).optional();
    }

    /** Spends the session; false when someone else spent it first. */
    public boolean spend(UUID id, Instant now) {
        return jdbc.sql("update connect_session set spent_at = :now where id = :id and spent_at is null")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** Counts a failed attempt; the tenth spends the session. */
    public void recordFailure(UUID id, int maxFailures, Instant now) {
        jdbc.sql("""
                update connect_session set failed_attempts = failed_attempts + 1,
                    spent_at = case when failed_attempts + 1 >= :max then coalesce(spent_at, :now) else spent_at end
                where id = :id""")
                .param("max", maxFailures).param("now", Timestamp.from(now)).param("id", id).update();
    }

    public int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from connect_session where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    private ConnectSession map(ResultSet rs, int row) throws SQLException {
        Timestamp spent = rs.getTimestamp("spent_at");
        return new ConnectSession(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getString("project"),
                rs.getString("origin_owner_id"), rs.getString("origin_owner_name"), rs.getString("origin_username"),
                rs.getString("label"), rs.getObject("account_id", UUID.class), rs.getBoolean("multiple"),
                rs.getTimestamp("expires_at").toInstant(), rs.getInt("failed_attempts"),
                spent == null ? null : spent.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
