package dev.connector.sonarcloud.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * Renders {@link ApiException}s as RFC 9457 problem documents with this service's members, plus StackOne's
 * {@code statusCode} and {@code message}. The content type is {@code application/problem+json}, or
 * {@code application/json} when the caller's {@code Accept} does not admit the former (StackOne's SDK parses only
 * {@code application/json} error bodies into its typed errors).
 */
@Component
public class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://docs.sonarcloud-connector.dev/errors/";
    /**
     * RFC 9110 asks a 401 to name the scheme. Bearer only: a Basic challenge would make browsers (the Hub page)
     * pop up a sign-in dialog; Basic with the key as user name is still accepted.
     */
    static final String CHALLENGE = "Bearer realm=\"sonarcloud-connector\"";

    private final ObjectMapper objectMapper;

    public Problems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Map<String, Object> body(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + e.code());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("code", e.code());
        body.put("request_id", MDC.get(RequestIdFilter.MDC_KEY));
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("statusCode", e.status());
        body.put("message", e.getMessage());
        if (!e.errors().isEmpty()) {
            body.put("errors", e.errors());
        }
        if (!e.providerErrors().isEmpty()) {
            body.put("provider_errors", e.providerErrors());
        }
        return body;
    }

    public ResponseEntity<Object> entity(ApiException e) {
        ServletRequestAttributes current = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s
                ? s : null;
        var builder = ResponseEntity.status(e.status())
                .contentType(contentType(current == null ? null : current.getRequest()));
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return builder.body(body(e));
    }

    /** For filters and interceptors that answer before a controller runs. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status());
        response.setContentType(contentType(request).toString());
        if (e.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        objectMapper.writeValue(response.getOutputStream(), body(e));
    }

    /** problem+json unless the Accept header admits application/json but not problem+json. */
    static MediaType contentType(HttpServletRequest request) {
        String accept = request == null ? null : request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return PROBLEM_JSON;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            if (accepted.stream().anyMatch(type -> type.includes(PROBLEM_JSON))) {
                return PROBLEM_JSON;
            }
            return accepted.stream().anyMatch(type -> type.includes(MediaType.APPLICATION_JSON))
                    ? MediaType.APPLICATION_JSON : PROBLEM_JSON;
        } catch (IllegalArgumentException e) {
            return PROBLEM_JSON;
        }
    }
}
