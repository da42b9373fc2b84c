package dev.connector.sonarcloud.connect;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code connector.connect.*}: the /connect abuse limits, per project and per connect session, and how many unknown
 * session tokens one client address may present a minute.
 */
@ConfigurationProperties("connector.connect")
public record ConnectProperties(@DefaultValue("300") int projectRequestsPerMinute,
                                @DefaultValue("10") int sessionRequestsPerMinute,
                                @DefaultValue("30") int unknownSessionTokensPerMinute) {
}
