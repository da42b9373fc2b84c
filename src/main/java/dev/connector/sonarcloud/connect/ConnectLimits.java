package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.ratelimit.PerMinuteLimiter;
import dev.connector.sonarcloud.ratelimit.SharedRateLimits;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Keeps /connect from being a fast token-guessing oracle: limits per project and per connect session, across all
 * instances.
 */
@Component
public class ConnectLimits {

    private final PerMinuteLimiter perProject;
    private final PerMinuteLimiter perSession;
    private final PerMinuteLimiter unknownSessions;

    public ConnectLimits(ConnectProperties properties, SharedRateLimits shared) {
        this.perProject = shared.limiter("connect-project", properties.projectRequestsPerMinute(), 50_000,
                Duration.ofMinutes(10));
        this.perSession = shared.limiter("connect-session", properties.sessionRequestsPerMinute(), 50_000,
                Duration.ofMinutes(10));
        this.unknownSessions = shared.limiter("connect-unknown-session",
                properties.unknownSessionTokensPerMinute(), 50_000, Duration.ofMinutes(10));
    }

    /**
     * Guessing session tokens: an address that presented too many unknown, expired or spent ones this minute is
     * refused before any database lookup.
     */
    public void requireSessionGuessesLeft(String clientAddress) {
        unknownSessions.requireAvailable(clientAddress, "Too many unknown connect session tokens from this address");
    }

    public void recordUnknownSession(String clientAddress) {
        unknownSessions.consume(clientAddress);
    }

    public void acquireForProject(String project) {
        perProject.acquire(project, "This project is connecting accounts too fast");
    }

    public void acquireForSession(String sessionId) {
        perSession.acquire(sessionId, "Too many attempts with this connect session");
    }
}
