package dev.connector.sonarcloud.connect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes connect sessions a day past their expiry, once per cluster: the lock is held for most of the interval, so
 * instances whose schedules fire at other moments skip the run instead of repeating it.
 */
@Component
public class SessionCleanup {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);

    private final ConnectSessionRepository sessions;
    private final Counter runs;
    private final Clock clock = Clock.systemUTC();

    public SessionCleanup(ConnectSessionRepository sessions, MeterRegistry meters) {
        this.sessions = sessions;
        this.runs = meters.counter("connector.jobs.runs", "job", "session-cleanup");
    }

    @Scheduled(fixedDelayString = "${connector.connect.session-cleanup-interval:PT1H}")
    @SchedulerLock(name = "session-cleanup",
            lockAtLeastFor = "${connector.connect.session-cleanup-lock-at-least:PT50M}",
            lockAtMostFor = "${connector.connect.session-cleanup-lock-at-most:PT55M}")
    public void deleteOldSessions() {
        runs.increment();
        try {
            int deleted = sessions.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
            log.info("session cleanup deleted {} old connect sessions", deleted);
        } catch (RuntimeException e) {
            log.warn("session cleanup failed, the next run tries again: {}", e.getClass().getSimpleName());
        }
    }
}
