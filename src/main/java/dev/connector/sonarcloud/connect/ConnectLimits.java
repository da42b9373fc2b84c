package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.cluster.SharedRateLimits;
import dev.connector.sonarcloud.web.PerMinuteLimiter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Keeps /connect from being a fast token-guessing oracle: limits per project and per connect session, across all instances. */
@Component
public class ConnectLimits {

    private final PerMinuteLimiter perProject;
    private final PerMinuteLimiter perSession;

    public ConnectLimits(@Value("${connector.connect.project-requests-per-minute:300}") int projectPerMinute,
                         @Value("${connector.connect.session-requests-per-minute:10}") int sessionPerMinute,
                         SharedRateLimits shared) {
        this.perProject = shared.limiter("connect-project", projectPerMinute, 50_000, Duration.ofMinutes(10));
        this.perSession = shared.limiter("connect-session", sessionPerMinute, 50_000, Duration.ofMinutes(10));
    }

    public void acquireForProject(String project) {
        perProject.acquire(project, "This project is connecting accounts too fast");
    }

    public void acquireForSession(String sessionId) {
        perSession.acquire(sessionId, "Too many attempts with this connect session");
    }
}
