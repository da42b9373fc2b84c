package dev.connector.sonarcloud.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Applies the Flyway migrations at start; when the database is unreachable the service still starts, says so
 * clearly, keeps readiness DOWN (this is the {@code migrations} health contributor) and retries in the background
 * until the database answers, instead of crashing in a restart loop.
 */
@Component("migrations")
public class DatabaseMigrations implements FlywayMigrationStrategy, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrations.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final AtomicReference<String> state = new AtomicReference<>("pending");

    @Override
    public void migrate(Flyway flyway) {
        if (tryMigrate(flyway)) {
            return;
        }
        Thread.ofVirtual().name("database-migrations").start(() -> {
            while (!"applied".equals(state.get())) {
                try {
                    Thread.sleep(RETRY_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
                tryMigrate(flyway);
            }
        });
    }

    private boolean tryMigrate(Flyway flyway) {
        try {
            var result = flyway.migrate();
            state.set("applied");
            log.info("database migrations applied ({} new, schema version {})", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
            return true;
        } catch (RuntimeException e) {
            state.set("waiting for the database");
            log.error("database unreachable or migrations failed ({}); not ready, retrying every {} s",
                    rootMessage(e), RETRY_EVERY.toSeconds());
            return false;
        }
    }

    /** The innermost message: says "Connection refused" rather than Flyway's wrapper text; holds no password. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public Health health() {
        return "applied".equals(state.get())
                ? Health.up().build()
                : Health.down().withDetail("migrations", state.get()).build();
    }
}
