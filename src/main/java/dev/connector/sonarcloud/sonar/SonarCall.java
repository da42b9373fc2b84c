package dev.connector.sonarcloud.sonar;

/**
 * Who a call is made for: the region (picks the host), the token, the rate-limit key (the linked account,
 * or null for connect-time validation), the project (null: no per-project share) and the deadline (System.nanoTime) that bounds all attempts and waits.
 */
public record SonarCall(Region region, String token, String rateLimitKey, String project, long deadlineNanos) {

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    @Override
    public String toString() {
        return "SonarCall[region=" + region + ", rateLimitKey=" + rateLimitKey + ", project=" + project + "]";
    }
}
