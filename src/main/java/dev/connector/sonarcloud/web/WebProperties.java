package dev.connector.sonarcloud.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxRequestBody {@code connector.max-request-body}: larger request bodies are refused (bytes)
 * @param hub            {@code connector.hub.allowed-origins}: browser origins allowed to POST /connect;
 *                       {@code connector.hub.return-url}: where a browser goes back to after the connect form
 */
@ConfigurationProperties("connector")
public record WebProperties(@DefaultValue("65536") long maxRequestBody, @DefaultValue Hub hub) {

    public record Hub(@DefaultValue List<String> allowedOrigins, String returnUrl) {
    }
}
