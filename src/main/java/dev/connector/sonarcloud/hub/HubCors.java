package dev.connector.sonarcloud.hub;

import dev.connector.sonarcloud.web.CorsRoute;
import dev.connector.sonarcloud.web.WebProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS for {@code /hub/**}, applied by the service's CORS filter ahead of everything else: the Hub's preflights (it
 * sends {@code x-hub-session-token} and {@code x-hub-version}, so every call, GET included, is preflighted) and every
 * answer, errors included, carry the headers for {@code CONNECTOR_HUB_ALLOWED_ORIGINS}; other origins are refused
 * (403), so the browser blocks them.
 */
@Configuration
public class HubCors {

    @Bean
    CorsRoute hubCorsRoute(WebProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.hub().allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty())
                .toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "OPTIONS"));
        cors.setAllowedHeaders(List.of("content-type", HubController.SESSION_HEADER, "x-hub-version", "x-request-id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        return new CorsRoute("/hub/**", cors);
    }
}
