package dev.connector.sonarcloud.web;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

@Configuration
public class WebConfig {

    private final List<String> hubOrigins;

    public WebConfig(WebProperties properties) {
        this.hubOrigins = properties.hub().allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty())
                .toList();
    }

    /**
     * Only the Hub's own origins may call /connect from a browser; everything else is backend to backend. A servlet
     * filter ahead of every other one, not an MVC mapping, so that every answer to an allowed origin carries the
     * CORS headers, the early rejections too (413 from the body limit, 415, 401): otherwise the browser shows
     * "Failed to fetch" instead of the error.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(List<CorsRoute> routes) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        routes.forEach(route -> source.registerCorsConfiguration(route.pattern(), route.configuration()));
        if (!hubOrigins.isEmpty()) {
            CorsConfiguration hub = new CorsConfiguration();
            hub.setAllowedOrigins(hubOrigins);
            hub.setAllowedMethods(List.of("POST"));
            hub.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
            hub.setExposedHeaders(List.of("Location", "X-Request-Id", "Retry-After"));
            hub.setMaxAge(600L);
            source.registerCorsConfiguration("/connect", hub);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(CORS_FILTER_ORDER);
        return registration;
    }

    /** After the request id and the access log (a refused preflight has both), before the body limit. */
    static final int CORS_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
}
