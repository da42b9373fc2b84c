package dev.connector.sonarcloud.hub;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for {@code /hub/**}, as a filter ahead of everything else: the Hub's preflights (it sends
 * {@code x-hub-session-token} and {@code x-hub-version}, so every call, GET included, is preflighted) and every
 * answer, errors included, carry the headers for {@code CONNECTOR_HUB_ALLOWED_ORIGINS}; other origins are refused
 * (403), so the browser blocks them.
 */
@Configuration
public class HubCors {

    @Bean
    FilterRegistrationBean<CorsFilter> hubCorsFilter(@Value("${connector.hub.allowed-origins:}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "OPTIONS"));
        cors.setAllowedHeaders(List.of("content-type", HubController.SESSION_HEADER, "x-hub-version", "x-request-id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/hub/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        // as the /connect CORS filter (WebConfig): after the request id and the access log, before the body limit
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/hub/*");
        return registration;
    }
}
