package dev.connector.sonarcloud.web;

import org.springframework.web.cors.CorsConfiguration;

/** CORS for one more route, contributed as a bean by the feature that owns it; applied by the CORS filter of {@link WebConfig}. */
public record CorsRoute(String pattern, CorsConfiguration configuration) {
}
