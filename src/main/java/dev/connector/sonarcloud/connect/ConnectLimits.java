package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.ratelimit.PerMinuteLimiter;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Keeps /connect from being a fast token-guessing oracle: limits per project and per connect session. */
@Component
public class ConnectLimits {

    private final PerMinuteLimiter perProject;
    private final PerMinuteLimiter perSession;

    public ConnectLimits(ConnectProperties properties) {
        this.perProject = new PerMinuteLimiter("connect-project", properties.projectRequestsPerMinute(), 50_000,
                Duration.ofMinutes(10));
        this.perSession = new PerMinuteLimiter("connect-session", properties.sessionRequestsPerMinute(), 50_000,
                Duration.ofMinutes(10));
    }

    public void acquireForProject(String project) {
        perProject.acquire(project, "This project is connecting accounts too fast");
    }

    public void acquireForSession(String sessionId) {
        perSession.acquire(sessionId, "Too many attempts with this connect session");
    }
}
