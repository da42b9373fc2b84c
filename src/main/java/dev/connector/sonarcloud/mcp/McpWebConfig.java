package dev.connector.sonarcloud.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.ObjectMapper;

/**
 * DNS rebinding protection for {@code /mcp}: a request with an {@code Origin} header is refused (403) unless the
 * origin is one of {@code connector.mcp.allowed-origins}. It runs before authentication, on every method. Allowed
 * browser origins also get CORS for the MCP headers.
 */
@Configuration
class McpWebConfig implements WebMvcConfigurer {

    private final McpProperties properties;
    private final ObjectMapper mapper;
    private final Set<String> allowed;

    McpWebConfig(McpProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
        this.allowed = properties.allowedOrigins().stream().map(McpWebConfig::normalize).collect(Collectors.toSet());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OriginCheck()).addPathPatterns(McpController.PATH).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.allowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping(McpController.PATH)
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("POST", "GET", "DELETE")
                .allowedHeaders("Authorization", "Content-Type", "Accept", McpServer.SESSION_HEADER,
                        McpServer.VERSION_HEADER, "x-account-id", "X-Request-Id", "Last-Event-ID")
                .exposedHeaders(McpServer.SESSION_HEADER, "X-Request-Id")
                .maxAge(600);
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private final class OriginCheck implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin == null || allowed.contains(normalize(origin))) {
                return true;
            }
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            mapper.writeValue(response.getOutputStream(), JsonRpc.error(null, JsonRpc.TRANSPORT_ERROR,
                    "Origin not allowed: add it to CONNECTOR_MCP_ALLOWED_ORIGINS to call /mcp from a browser page"));
            return false;
        }
    }
}
