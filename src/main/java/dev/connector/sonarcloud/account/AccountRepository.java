package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.Region;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Plain SQL over linked_account. Every query names the project: a caller never sees another tenant's rows. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = """
            id, project, status, status_reasons, origin_owner_id, origin_owner_name, origin_username, label,
            organization_key, region, login, user_name, multiple, token_last_used_at, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<LinkedAccount> rowMapper = this::map;

    public AccountRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A stored credential and what it is bound to. */
    public record StoredCredential(LinkedAccount account, byte[] ciphertext) {
    }

    public Optional<LinkedAccount> find(String project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from linked_account where project = :project and id = :id")
                .param("project", project).param("id", id).query(rowMapper).optional();
    }

    public Optional<StoredCredential> findWithCredential(String project, UUID id) {
        return jdbc.sql("select " + COLUMNS + ", credential_ciphertext from linked_account where project = :project and id = :id")
                .param("project", project).param("id", id)
                .query((rs, n) -> new StoredCredential(map(rs, n), rs.getBytes("credential_ciphertext"))).optional();
    }

    /** The account that the upsert rule says a new link replaces, locked for this transaction. */
    public Optional<LinkedAccount> findForRelink(String project, String originOwnerId, String organizationKey) {
        return jdbc.sql("select " + COLUMNS + """
                         from linked_account
                        where project = :project and origin_owner_id = :owner and organization_key = :org and not multiple
                        for update""")
                .param("project", project).param("owner", originOwnerId).param("org", organizationKey)
                .query(rowMapper).optional();
    }

    public Optional<LinkedAccount> lock(String project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from linked_account where project = :project and id = :id for update")
                .param("project", project).param("id", id).query(rowMapper).optional();
    }

    /** Serializes concurrent links of the same (project, owner, organization) for the rest of the transaction. */
    public void lockLinkKey(String project, String originOwnerId, String organizationKey) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", project.length() + ":" + project + originOwnerId.length() + ":" + originOwnerId + organizationKey)
                .query((rs, n) -> 1).single();
    }

    public void insert(LinkedAccount a, byte[] ciphertext, long keyId) {
        jdbc.sql("""
                insert into linked_account (id, project, status, status_reasons, origin_owner_id, origin_owner_name,
                    origin_username, label, organization_key, region, login, user_name, multiple,
                    credential_ciphertext, credential_key_id, token_last_used_at, created_at, updated_at)
                values (:id, :project, :status, cast(:reasons as jsonb), :owner, :ownerName, :username, :label, :org,
                    :region, :login, :userName, :multiple, :ciphertext, :keyId, :lastUsed, :created, :updated)""")
                .param("id", a.id()).param("project", a.project()).param("status", a.status().id())
                .param("reasons", json(a.statusReasons())).param("owner", a.originOwnerId())
                .param("ownerName", a.originOwnerName()).param("username", a.originUsername())
                .param("label", a.label()).param("org", a.organizationKey()).param("region", a.region().id())
                .param("login", a.login()).param("userName", a.userName()).param("multiple", a.multiple())
                .param("ciphertext", ciphertext).param("keyId", keyId)
                .param("lastUsed", ts(a.tokenLastUsedAt())).param("created", ts(a.createdAt()))
                .param("updated", ts(a.updatedAt()))
                .update();
    }

    /** Replaces everything a (re-)link changes, the credential included, in one statement. */
    public void relink(LinkedAccount a, byte[] ciphertext, long keyId) {
        jdbc.sql("""
                update linked_account set status = :status, status_reasons = cast(:reasons as jsonb),
                    origin_owner_name = :ownerName, origin_username = :username, label = :label,
                    organization_key = :org, region = :region, login = :login, user_name = :userName,
                    credential_ciphertext = :ciphertext, credential_key_id = :keyId,
                    token_last_used_at = :lastUsed, updated_at = :updated
                where project = :project and id = :id""")
                .param("status", a.status().id()).param("reasons", json(a.statusReasons()))
                .param("ownerName", a.originOwnerName()).param("username", a.originUsername())
                .param("label", a.label()).param("org", a.organizationKey()).param("region", a.region().id())
                .param("login", a.login()).param("userName", a.userName())
                .param("ciphertext", ciphertext).param("keyId", keyId)
                .param("lastUsed", ts(a.tokenLastUsedAt())).param("updated", ts(a.updatedAt()))
                .param("project", a.project()).param("id", a.id())
                .update();
    }

    public void updateDetails(LinkedAccount a) {
        jdbc.sql("""
                update linked_account set label = :label, origin_owner_name = :ownerName, updated_at = :updated
                where project = :project and id = :id""")
                .param("label", a.label()).param("ownerName", a.originOwnerName()).param("updated", ts(a.updatedAt()))
                .param("project", a.project()).param("id", a.id())
                .update();
    }

    public void updateStatus(String project, UUID id, AccountStatus status, List<LinkedAccount.StatusReason> reasons, Instant now) {
        jdbc.sql("""
                update linked_account set status = :status, status_reasons = cast(:reasons as jsonb), updated_at = :now
                where project = :project and id = :id""")
                .param("status", status.id()).param("reasons", json(reasons)).param("now", ts(now))
                .param("project", project).param("id", id)
                .update();
    }

    /** Advances the last use, never backwards. */
    public void touchTokenUse(UUID id, Instant usedAt) {
        jdbc.sql("update linked_account set token_last_used_at = :usedAt where id = :id and token_last_used_at < :usedAt")
                .param("usedAt", ts(usedAt)).param("id", id).update();
    }

    /** The deleted row, or empty when there was none. */
    public Optional<LinkedAccount> delete(String project, UUID id) {
        return jdbc.sql("delete from linked_account where project = :project and id = :id returning " + COLUMNS)
                .param("project", project).param("id", id).query(rowMapper).optional();
    }

    /**
     * Active accounts whose token expires before {@code expiresBefore} but has not expired at {@code now}, and whose
     * current expiry window (their last use) has not been warned about yet.
     */
    public List<LinkedAccount> tokensToWarn(Instant now, Instant expiresBefore, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from linked_account a
                        where status = 'active' and token_last_used_at <= :lastUseBefore and token_last_used_at > :lastUseAfter
                          and not exists (select 1 from token_expiry_notice n
                                           where n.account_id = a.id and n.token_last_used_at = a.token_last_used_at)
                        order by token_last_used_at, id
                        limit :limit""")
                .param("lastUseBefore", ts(expiresBefore.minus(LinkedAccount.TOKEN_LIFETIME)))
                .param("lastUseAfter", ts(now.minus(LinkedAccount.TOKEN_LIFETIME)))
                .param("limit", limit)
                .query(rowMapper).list();
    }

    /** Claims the warning for this expiry window; false when it was already given (by this or another instance). */
    public boolean claimExpiryWarning(UUID accountId, Instant tokenLastUsedAt, Instant now) {
        return jdbc.sql("""
                insert into token_expiry_notice (account_id, token_last_used_at, notified_at)
                values (:id, :lastUsed, :now)
                on conflict (account_id) do update
                   set token_last_used_at = excluded.token_last_used_at, notified_at = excluded.notified_at
                 where token_expiry_notice.token_last_used_at <> excluded.token_last_used_at""")
                .param("id", accountId).param("lastUsed", ts(tokenLastUsedAt)).param("now", ts(now))
                .update() == 1;
    }

    /** One page in (created_at, id) order; an empty filter list means "any". */
    public List<LinkedAccount> page(String project, AccountFilter filter, long offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from linked_account where project = :project");
        if (!filter.originOwnerIds().isEmpty()) {
            sql.append(" and origin_owner_id in (:owners)");
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" and status in (:statuses)");
        }
        if (!filter.accountIds().isEmpty()) {
            sql.append(" and id in (:ids)");
        }
        sql.append(" order by created_at, id offset :offset limit :limit");
        var statement = jdbc.sql(sql.toString()).param("project", project).param("offset", offset).param("limit", limit);
        if (!filter.originOwnerIds().isEmpty()) {
            statement = statement.param("owners", filter.originOwnerIds());
        }
        if (!filter.statuses().isEmpty()) {
            statement = statement.param("statuses", filter.statuses().stream().map(AccountStatus::id).toList());
        }
        if (!filter.accountIds().isEmpty()) {
            statement = statement.param("ids", filter.accountIds());
        }
        return statement.query(rowMapper).list();
    }

    private LinkedAccount map(ResultSet rs, int row) throws SQLException {
        return new LinkedAccount(
                rs.getObject("id", UUID.class),
                rs.getString("project"),
                AccountStatus.parse(rs.getString("status")).orElseThrow(),
                mapper.readValue(rs.getString("status_reasons"), new TypeReference<List<LinkedAccount.StatusReason>>() { }),
                rs.getString("origin_owner_id"),
                rs.getString("origin_owner_name"),
                rs.getString("origin_username"),
                rs.getString("label"),
                rs.getString("organization_key"),
                Region.fromId(rs.getString("region")),
                rs.getString("login"),
                rs.getString("user_name"),
                rs.getBoolean("multiple"),
                instant(rs.getTimestamp("token_last_used_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private String json(List<LinkedAccount.StatusReason> reasons) {
        return mapper.writeValueAsString(reasons == null ? List.of() : reasons);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
