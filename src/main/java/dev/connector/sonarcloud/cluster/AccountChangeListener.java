package dev.connector.sonarcloud.cluster;

import com.zaxxer.hikari.HikariDataSource;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.CredentialCacheProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears what other instances change: one dedicated PostgreSQL connection (outside the pool) LISTENs on channel
 * {@code account_changed}, which a trigger on {@code linked_account} notifies on commit (see migration V8_1), and
 * evicts each named account from this instance's credential cache. While the connection is down notifications can be
 * missed, so the cache is emptied and keeps entries only briefly until the connection is back (and emptied once more
 * then); the connection is reopened every {@code reconnect-delay}.
 */
@Component
public class AccountChangeListener implements SmartLifecycle {

    static final String CHANNEL = "account_changed";
    private static final Logger log = LoggerFactory.getLogger(AccountChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final DataSource dataSource;
    private final AccountService accounts;
    private final Duration reconnectDelay;
    private final Duration cacheTtlWhileDown;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile int backendPid;

    public AccountChangeListener(DataSource dataSource, AccountService accounts, NotificationProperties notifications,
                                 CredentialCacheProperties cache) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.reconnectDelay = notifications.reconnectDelay();
        this.cacheTtlWhileDown = cache.ttlWithoutNotifications();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("account-change-listener").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(connection);
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The PostgreSQL backend process of the listening connection, or 0 while it is down. */
    public int backendPid() {
        return backendPid;
    }

    private void run() {
        while (running) {
            try (Connection c = open()) {
                connection = c;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("account change notifications lost ({}); credential cache entries stay briefly until they are back",
                            e.getClass().getSimpleName());
                }
            } finally {
                backendPid = 0;
                connection = null;
                accounts.notificationsLost(cacheTtlWhileDown);
            }
            sleep(reconnectDelay);
        }
    }

    private void listen(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            try (ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getInt(1);
            }
        }
        // whatever changed while nobody listened is unknown: start from an empty cache
        accounts.notificationsRestored();
        log.info("listening for account changes on channel {}", CHANNEL);
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    evict(notification.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                // a connection whose peer vanished without a word answers nothing: the socket timeout notices
                try (Statement statement = c.createStatement()) {
                    statement.execute("select 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void evict(String accountId) {
        try {
            accounts.evict(UUID.fromString(accountId));
        } catch (IllegalArgumentException e) {
            log.warn("ignored a malformed account change notification");
        }
    }

    private Connection open() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            Properties properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", "connector-notifications");
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", "15");
            properties.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
