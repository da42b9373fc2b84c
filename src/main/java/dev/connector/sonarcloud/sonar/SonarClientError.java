package dev.connector.sonarcloud.sonar;

/**
 * SonarQube Cloud answered 4xx (other than 429): the caller's or the credential's problem. Never retried and
 * never counted against the region's circuit breaker. The callers decide what it means (401 at connect time
 * is invalid credentials; on an action it marks the account).
 */
public class SonarClientError extends RuntimeException {

    private final SonarResponse response;

    public SonarClientError(SonarResponse response) {
        super("SonarQube Cloud answered " + response.status(), null, false, false);
        this.response = response;
    }

    public SonarResponse response() {
        return response;
    }

    public int status() {
        return response.status();
    }
}
