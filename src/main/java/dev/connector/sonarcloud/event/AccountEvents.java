package dev.connector.sonarcloud.event;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * The transactional outbox. {@link #publish} must run inside the transaction of the change it describes: the event
 * row and what the sinks write (webhook deliveries) then commit together with the change, or not at all.
 */
@Service
public class AccountEvents {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final List<EventSink> sinks;
    private final Clock clock = Clock.systemUTC();

    public AccountEvents(JdbcClient jdbc, ObjectMapper mapper, List<EventSink> sinks) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.sinks = sinks;
    }

    /** {@code data} is the linked account as the API shows it (never a credential). */
    public AccountEvent publish(EventType type, String project, UUID accountId, Object data) {
        AccountEvent event = write(type, project, accountId, data);
        sinks.forEach(sink -> sink.accept(event));
        return event;
    }

    /** Writes the event without handing it to the sinks (a ping goes to one chosen webhook only). */
    public AccountEvent write(EventType type, String project, UUID accountId, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("account events are written in the transaction of the change");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("type", type.wireName());
        body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", data);
        AccountEvent event = new AccountEvent(id, project, accountId, type, mapper.writeValueAsString(body), now);
        jdbc.sql("""
                insert into account_event (id, project, account_id, type, payload, created_at)
                values (:id, :project, :accountId, :type, :payload, :createdAt)""")
                .param("id", id).param("project", project).param("accountId", accountId)
                .param("type", type.wireName()).param("payload", event.payload())
                .param("createdAt", java.sql.Timestamp.from(now))
                .update();
        return event;
    }
}
