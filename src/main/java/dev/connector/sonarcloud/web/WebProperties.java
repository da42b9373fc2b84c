package dev.connector.sonarcloud.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxRequestBody {@code connector.max-request-body}: larger request bodies are refused (bytes)
 * @param requestBodyTimeout {@code connector.request-body-timeout}: the time from a request's first byte until its whole
 *                       body has arrived; a client slower than that gets a 408 and its connection is closed
 * @param hub            {@code connector.hub.allowed-origins}: browser origins allowed to POST /connect;
 *                       {@code connector.hub.return-url}: where a browser goes back to after the connect form
 */
@ConfigurationProperties("connector")
public record WebProperties(@DefaultValue("65536") long maxRequestBody, @DefaultValue("10s") Duration requestBodyTimeout,
                            @DefaultValue Hub hub) {

    public record Hub(@DefaultValue List<String> allowedOrigins, String returnUrl) {
    }
}
