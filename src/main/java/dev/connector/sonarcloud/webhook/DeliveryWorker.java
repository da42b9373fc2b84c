package dev.connector.sonarcloud.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued deliveries. Each round claims due deliveries with {@code FOR UPDATE SKIP LOCKED} and keeps them
 * locked until their outcome is written in the same transaction: several instances never take the same delivery,
 * and a crash mid-round rolls back to "pending" (sent again later: at least once). A delivery is due only when no
 * earlier delivery of the same account to the same webhook is still pending, so each account's events arrive in
 * order. Failures are retried with exponential backoff and jitter until {@code retry.max-age}, then marked failed;
 * a webhook whose every delivery failed for {@code disable-after} is disabled with the reason.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WebhookService webhooks;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final CloseableHttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, Counter> outcomes = new TreeMap<>();
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Instant gaugesRefreshedAt = Instant.EPOCH;

    DeliveryWorker(JdbcClient jdbc, TransactionTemplate transactions, WebhookService webhooks, TargetGuard guard,
                   WebhookProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.webhooks = webhooks;
        this.guard = guard;
        this.properties = properties;
        Timeout connect = Timeout.ofMilliseconds(properties.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(properties.responseTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard) // the address connected to is the address checked
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(response).build())
                        .setMaxConnTotal(Math.max(8, properties.batchSize() * 2))
                        .setMaxConnPerRoute(Math.max(2, properties.batchSize()))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(response).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("sonarcloud-connector-webhooks")
                .build();
        for (String outcome : List.of("succeeded", "retrying", "failed")) {
            outcomes.put(outcome, Counter.builder("connector.webhooks.deliveries")
                    .description("Webhook delivery attempts by outcome").tag("outcome", outcome).register(meters));
        }
        Gauge.builder("connector.webhooks.queue.depth", queueDepth, AtomicLong::get)
                .description("Pending webhook deliveries").register(meters);
        Gauge.builder("connector.webhooks.oldest.pending.age", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest pending webhook delivery").baseUnit("seconds").register(meters);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("webhook-delivery").start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(properties.responseTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @PreDestroy
    void close() throws IOException {
        stop();
        http.close();
        senders.shutdown();
    }

    /** Events whose deliveries are all finished are kept {@code retention} (the delivery log), then deleted. */
    @Scheduled(fixedDelayString = "${connector.webhooks.cleanup-interval:PT1H}", initialDelayString = "PT5M")
    void deleteOldEvents() {
        try {
            int deleted = jdbc.sql("""
                    delete from account_event e
                     where e.created_at < :cutoff
                       and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.status = 'pending')""")
                    .param("cutoff", WebhookRepository.ts(clock.instant().minus(properties.retention()))).update();
            if (deleted > 0) {
                log.info("deleted {} account events older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("account event cleanup failed: {}", e.getClass().getSimpleName()); // the next run tries again
        }
    }

    private void loop() {
        while (running) {
            int delivered = 0;
            try {
                delivered = deliverDue();
                refreshGauges();
            } catch (RuntimeException e) {
                // the database may be down: nothing is lost, the next round tries again
                log.warn("webhook delivery round failed: {}", e.getClass().getSimpleName());
            }
            if (delivered == 0) {
                try {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private record Due(UUID id, UUID webhookId, String project, String url, UUID eventId, String payload, int attempts,
                       Instant createdAt, WebhookRepository.Secrets secrets) {
        @Override
        public String toString() {
            return "Due[id=" + id + ", webhookId=" + webhookId + "]";
        }
    }

    private record Outcome(Integer statusCode, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    /** One round: claim, send in parallel, record. Answers how many deliveries it handled. */
    int deliverDue() {
        Integer handled = transactions.execute(status -> {
            List<Due> due = claim(clock.instant());
            if (due.isEmpty()) {
                return 0;
            }
            List<Future<Outcome>> sent = due.stream().map(d -> senders.submit(() -> send(d))).toList();
            List<Outcome> results = new ArrayList<>(due.size());
            for (Future<Outcome> future : sent) {
                results.add(outcome(future));
            }
            record(due, results, clock.instant());
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private List<Due> claim(Instant now) {
        return jdbc.sql("""
                select d.id, d.webhook_id, w.project, w.url, d.event_id, e.payload, d.attempts, d.created_at,
                       w.secret_ciphertext, w.previous_secret_ciphertext, w.previous_secret_expires_at
                  from webhook_delivery d
                  join webhook w on w.id = d.webhook_id
                  join account_event e on e.id = d.event_id
                 where d.status = 'pending' and d.next_attempt_at <= :now and w.enabled
                   and not exists (select 1 from webhook_delivery p
                                    where p.webhook_id = d.webhook_id and p.ordering_key = d.ordering_key
                                      and p.status = 'pending' and p.seq < d.seq)
                 order by d.seq
                 limit :limit
                 for update of d skip locked""")
                .param("now", WebhookRepository.ts(now)).param("limit", properties.batchSize())
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getInt(7),
                        WebhookRepository.instant(rs.getTimestamp(8)), new WebhookRepository.Secrets(rs.getBytes(9),
                        rs.getBytes(10), WebhookRepository.instant(rs.getTimestamp(11)))))
                .list();
    }

    private Outcome send(Due due) {
        Instant now = clock.instant();
        URI target;
        try {
            target = guard.check(due.url());
        } catch (TargetGuard.RefusedTarget e) {
            return new Outcome(null, "target refused: the URL " + e.getMessage());
        }
        long timestamp = now.getEpochSecond();
        String messageId = due.eventId().toString();
        String signatures = String.join(" ", webhooks.signingSecrets(due.project(), due.webhookId(), due.secrets(), now).stream()
                .map(secret -> Signatures.sign(secret, messageId, timestamp, due.payload())).toList());
        HttpPost post = new HttpPost(target);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signatures);
        post.setEntity(new StringEntity(due.payload(), ContentType.APPLICATION_JSON));
        // the answer's body is not read: closing without consuming it drops the connection, whatever its size
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            int code = response.getCode();
            if (code >= 200 && code < 300) {
                return new Outcome(code, null);
            }
            return new Outcome(code, code >= 300 && code < 400 ? "redirect not followed (HTTP " + code + ")" : "HTTP " + code);
        } catch (TargetGuard.RefusedTarget e) {
            return new Outcome(null, "target refused: the URL " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, describe(e));
        }
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        return kind.contains("Timeout") ? "timed out (" + kind + ")" : "could not deliver (" + kind + ")";
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } catch (ExecutionException e) {
            return new Outcome(null, "could not deliver (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private void record(List<Due> due, List<Outcome> results, Instant now) {
        Map<UUID, Outcome> byWebhook = new TreeMap<>(); // webhook rows updated in one order: no deadlock between instances
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            Outcome o = results.get(i);
            int attempts = d.attempts() + 1;
            if (o.succeeded()) {
                jdbc.sql("""
                        update webhook_delivery set status = 'succeeded', attempts = :attempts, last_status_code = :code,
                            last_error = null, finished_at = :now where id = :id""")
                        .param("attempts", attempts).param("code", o.statusCode()).param("now", WebhookRepository.ts(now))
                        .param("id", d.id()).update();
                outcomes.get("succeeded").increment();
                byWebhook.put(d.webhookId(), o);
            } else {
                Instant next = now.plus(backoff(attempts, properties.retry(), ThreadLocalRandom.current().nextDouble()));
                boolean giveUp = !next.isBefore(d.createdAt().plus(properties.retry().maxAge()));
                jdbc.sql("""
                        update webhook_delivery set status = :status, attempts = :attempts, last_status_code = :code,
                            last_error = :error, next_attempt_at = :next, finished_at = :finished where id = :id""")
                        .param("status", giveUp ? Delivery.FAILED : Delivery.PENDING).param("attempts", attempts)
                        .param("code", o.statusCode()).param("error", o.error())
                        .param("next", WebhookRepository.ts(giveUp ? now : next))
                        .param("finished", giveUp ? WebhookRepository.ts(now) : null)
                        .param("id", d.id()).update();
                outcomes.get(giveUp ? "failed" : "retrying").increment();
                byWebhook.merge(d.webhookId(), o, (a, b) -> a.succeeded() ? a : b);
            }
        }
        byWebhook.forEach((webhookId, o) -> {
            if (o.succeeded()) {
                jdbc.sql("update webhook set failing_since = null where id = :id and failing_since is not null")
                        .param("id", webhookId).update();
            } else {
                recordFailure(webhookId, o, now);
            }
        });
    }

    private void recordFailure(UUID webhookId, Outcome o, Instant now) {
        Instant failingSince = jdbc.sql("""
                update webhook set failing_since = coalesce(failing_since, :now) where id = :id returning failing_since""")
                .param("now", WebhookRepository.ts(now)).param("id", webhookId)
                .query((rs, n) -> WebhookRepository.instant(rs.getTimestamp(1))).single();
        if (!failingSince.plus(properties.disableAfter()).isAfter(now)) {
            String reason = "Disabled at " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ": every delivery since " + failingSince.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " failed (last: " + o.error() + "); fix the endpoint, then PATCH enabled=true";
            int disabled = jdbc.sql("update webhook set enabled = false, disabled_reason = :reason, updated_at = :now where id = :id and enabled")
                    .param("reason", reason).param("now", WebhookRepository.ts(now)).param("id", webhookId).update();
            if (disabled == 1) {
                log.warn("webhook {} disabled: its deliveries have failed since {}", webhookId, failingSince);
            }
        }
    }

    /** Exponential (initial × 2^(attempts-1), capped) with "equal jitter": half fixed, half random. */
    static Duration backoff(int attempts, WebhookProperties.Retry retry, double random) {
        long initial = retry.initialDelay().toMillis();
        long cap = retry.maxDelay().toMillis();
        long base = attempts >= 31 ? cap : Math.min(cap, initial << Math.max(0, attempts - 1));
        if (base < 0) {
            base = cap;
        }
        return Duration.ofMillis(base / 2 + (long) (random * (base / 2.0)));
    }

    private void refreshGauges() {
        Instant now = clock.instant();
        if (Duration.between(gaugesRefreshedAt, now).compareTo(GAUGE_REFRESH) < 0) {
            return;
        }
        gaugesRefreshedAt = now;
        jdbc.sql("select count(*), min(created_at) from webhook_delivery where status = 'pending'")
                .query(rs -> {
                    queueDepth.set(rs.getLong(1));
                    var oldest = rs.getTimestamp(2);
                    oldestPendingSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toSeconds()));
                });
    }
}
