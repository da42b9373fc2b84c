package dev.connector.sonarcloud.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Renders {@link ApiException}s as RFC 9457 problem documents with this service's members. */
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
        if (!e.errors().isEmpty()) {
            body.put("errors", e.errors());
        }
        if (!e.providerErrors().isEmpty()) {
            body.put("provider_errors", e.providerErrors());
        }
        return body;
    }

    public ResponseEntity<Object> entity(ApiException e) {
        var builder = ResponseEntity.status(e.status()).contentType(PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return builder.body(body(e));
    }

    /** For filters and interceptors that answer before a controller runs. */
    public void write(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status());
        response.setContentType(PROBLEM_JSON.toString());
        if (e.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        objectMapper.writeValue(response.getOutputStream(), body(e));
    }
}
