package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.CorsRoute;
import dev.connector.sonarcloud.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.cors.CorsConfiguration;

/**
 * DNS rebinding protection for {@code /mcp}: a request with an {@code Origin} header is refused (403) unless the
 * origin is one of {@code connector.mcp.allowed-origins}. A filter, so it runs before CORS and authentication, on
 * every method. Allowed browser origins also get CORS for the MCP headers (through the service's CORS filter).
 */
@Configuration
class McpWebConfig {

    private final McpProperties properties;

    McpWebConfig(McpProperties properties) {
        this.properties = properties;
    }

    @Bean
    FilterRegistrationBean<OriginCheck> mcpOriginCheck(Problems problems) {
        Set<String> allowed = properties.allowedOrigins().stream().map(McpWebConfig::normalize).collect(Collectors.toSet());
        FilterRegistrationBean<OriginCheck> registration = new FilterRegistrationBean<>(new OriginCheck(allowed, problems));
        registration.addUrlPatterns(McpController.PATH);
        // after the request id and before the CORS filter, which would refuse a foreign origin with an empty 403
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Browser pages on an allowed origin may call /mcp and read its session header (preflight included). */
    @Bean
    CorsRoute mcpCors() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("POST", "GET", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", McpServer.SESSION_HEADER,
                McpServer.VERSION_HEADER, "x-account-id", "X-Request-Id", "Last-Event-ID"));
        cors.setExposedHeaders(List.of(McpServer.SESSION_HEADER, "X-Request-Id"));
        cors.setMaxAge(600L);
        return new CorsRoute(McpController.PATH, cors);
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    static final class OriginCheck extends OncePerRequestFilter {

        private final Set<String> allowed;
        private final Problems problems;

        OriginCheck(Set<String> allowed, Problems problems) {
            this.allowed = allowed;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin == null || allowed.contains(normalize(origin))) {
                chain.doFilter(request, response);
                return;
            }
            problems.write(request, response, ApiException.forbidden(
                    "Origin not allowed: add it to CONNECTOR_MCP_ALLOWED_ORIGINS to call /mcp from a browser page"));
        }
    }
}
