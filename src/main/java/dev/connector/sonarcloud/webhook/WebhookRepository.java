package dev.connector.sonarcloud.webhook;

import dev.connector.sonarcloud.event.EventType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over webhook and webhook_delivery. Every caller-facing query names the project. */
@Repository
public class WebhookRepository {

    private static final String COLUMNS = """
            id, project, url, events, enabled, description, disabled_reason, failing_since, created_at, updated_at""";
    private static final String DELIVERY_COLUMNS = """
            d.id, d.seq, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,
            d.next_attempt_at, d.created_at, d.finished_at""";

    private final JdbcClient jdbc;

    public WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encrypted secrets of a webhook: the current one, and the previous one while its grace period lasts. */
    public record Secrets(byte[] current, byte[] previous, Instant previousExpiresAt) {
    }

    public void insert(Webhook w, byte[] secret) {
        jdbc.sql("""
                insert into webhook (id, project, url, events, enabled, description, secret_ciphertext, created_at, updated_at)
                values (:id, :project, :url, :events, :enabled, :description, :secret, :created, :updated)""")
                .param("id", w.id()).param("project", w.project()).param("url", w.url())
                .param("events", eventNames(w.events())).param("enabled", w.enabled())
                .param("description", w.description()).param("secret", secret)
                .param("created", ts(w.createdAt())).param("updated", ts(w.updatedAt()))
                .update();
    }

    public int count(String project) {
        return jdbc.sql("select count(*) from webhook where project = :project").param("project", project)
                .query(Integer.class).single();
    }

    public Optional<Webhook> find(String project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook where project = :project and id = :id")
                .param("project", project).param("id", id).query(this::map).optional();
    }

    public Optional<Webhook> lock(String project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook where project = :project and id = :id for update")
                .param("project", project).param("id", id).query(this::map).optional();
    }

    public List<Webhook> list(String project) {
        return jdbc.sql("select " + COLUMNS + " from webhook where project = :project order by created_at, id")
                .param("project", project).query(this::map).list();
    }

    public void update(Webhook w) {
        jdbc.sql("""
                update webhook set url = :url, events = :events, enabled = :enabled, description = :description,
                    disabled_reason = :reason, failing_since = :failingSince, updated_at = :updated
                where project = :project and id = :id""")
                .param("url", w.url()).param("events", eventNames(w.events())).param("enabled", w.enabled())
                .param("description", w.description()).param("reason", w.disabledReason())
                .param("failingSince", ts(w.failingSince())).param("updated", ts(w.updatedAt()))
                .param("project", w.project()).param("id", w.id())
                .update();
    }

    public boolean delete(String project, UUID id) {
        return jdbc.sql("delete from webhook where project = :project and id = :id")
                .param("project", project).param("id", id).update() == 1;
    }

    public void rotateSecret(UUID id, byte[] newSecret, Instant previousExpiresAt, Instant now) {
        jdbc.sql("""
                update webhook set previous_secret_ciphertext = secret_ciphertext,
                    previous_secret_expires_at = :previousExpiresAt, secret_ciphertext = :secret, updated_at = :now
                where id = :id""")
                .param("previousExpiresAt", ts(previousExpiresAt)).param("secret", newSecret).param("now", ts(now))
                .param("id", id)
                .update();
    }

    /** A delivery for every enabled webhook of the project that subscribes to this event type. */
    public void enqueueForSubscribers(String project, UUID eventId, String eventType, UUID orderingKey, Instant now) {
        jdbc.sql("""
                insert into webhook_delivery (id, webhook_id, event_id, ordering_key, status, next_attempt_at, created_at)
                select gen_random_uuid(), w.id, :eventId, :orderingKey, 'pending', :now, :now
                  from webhook w
                 where w.project = :project and w.enabled and :type = any(w.events)
                 order by w.id""")
                .param("eventId", eventId).param("orderingKey", orderingKey).param("now", ts(now))
                .param("project", project).param("type", eventType)
                .update();
    }

    public UUID enqueue(UUID webhookId, UUID eventId, UUID orderingKey, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into webhook_delivery (id, webhook_id, event_id, ordering_key, status, next_attempt_at, created_at)
                values (:id, :webhookId, :eventId, :orderingKey, 'pending', :now, :now)""")
                .param("id", id).param("webhookId", webhookId).param("eventId", eventId)
                .param("orderingKey", orderingKey == null ? id : orderingKey).param("now", ts(now))
                .update();
        return id;
    }

    public Optional<Delivery> findDelivery(UUID webhookId, UUID deliveryId) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + """
                         from webhook_delivery d join account_event e on e.id = d.event_id
                        where d.webhook_id = :webhookId and d.id = :id""")
                .param("webhookId", webhookId).param("id", deliveryId).query(this::mapDelivery).optional();
    }

    /** The orderingKey (account id) a delivery was queued under, for a replay to keep the account's order. */
    public UUID orderingKey(UUID deliveryId) {
        return jdbc.sql("select ordering_key from webhook_delivery where id = :id").param("id", deliveryId)
                .query(UUID.class).single();
    }

    /** Newest first; {@code beforeSeq} continues a page. */
    public List<Delivery> deliveries(UUID webhookId, String status, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + DELIVERY_COLUMNS
                + " from webhook_delivery d join account_event e on e.id = d.event_id where d.webhook_id = :webhookId");
        if (status != null) {
            sql.append(" and d.status = :status");
        }
        if (beforeSeq != null) {
            sql.append(" and d.seq < :beforeSeq");
        }
        sql.append(" order by d.seq desc limit :limit");
        var statement = jdbc.sql(sql.toString()).param("webhookId", webhookId).param("limit", limit);
        if (status != null) {
            statement = statement.param("status", status);
        }
        if (beforeSeq != null) {
            statement = statement.param("beforeSeq", beforeSeq);
        }
        return statement.query(this::mapDelivery).list();
    }

    private Webhook map(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("project"), rs.getString("url"),
                events(rs.getArray("events")), rs.getBoolean("enabled"), rs.getString("description"),
                rs.getString("disabled_reason"), instant(rs.getTimestamp("failing_since")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private Delivery mapDelivery(ResultSet rs, int row) throws SQLException {
        Integer code = rs.getObject("last_status_code", Integer.class);
        return new Delivery(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("webhook_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("type"), rs.getString("status"), rs.getInt("attempts"),
                code, rs.getString("last_error"), instant(rs.getTimestamp("next_attempt_at")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static List<EventType> events(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(name -> EventType.fromWireName(name).orElseThrow())
                .toList();
    }

    private static String[] eventNames(List<EventType> events) {
        return events.stream().map(EventType::wireName).toArray(String[]::new);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
