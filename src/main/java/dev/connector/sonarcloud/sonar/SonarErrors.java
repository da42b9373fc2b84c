package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads SonarQube's error bodies (v1 {@code errors[].msg}, v2 {@code message}) and maps them to problems. */
@Component
public class SonarErrors {

    private static final int MAX_RAW_TEXT = 2_000;
    /** SonarQube's error bodies are small; a larger one is shown as cut text, not parsed and repeated whole. */
    private static final int MAX_PARSED_ERROR_BODY = 16 * 1024;
    private static final int MAX_MESSAGES = 1_000;
    private final ObjectMapper mapper;

    public SonarErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ApiException.ProviderError providerError(SonarResponse response) {
        return new ApiException.ProviderError(response.status(), response.url(), raw(response));
    }

    /** The parsed error body, or its text (cut short) when it is not JSON. */
    public Object raw(SonarResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        if (response.body().length <= MAX_PARSED_ERROR_BODY) {
            try {
                return mapper.readTree(response.body());
            } catch (JacksonException e) {
                // shown as text below
            }
        }
        int length = Math.min(response.body().length, MAX_RAW_TEXT * 4);
        String text = new String(response.body(), 0, length, StandardCharsets.UTF_8);
        return text.length() > MAX_RAW_TEXT ? text.substring(0, MAX_RAW_TEXT) : text;
    }

    /** SonarQube's own messages, joined; empty when it gave none. */
    public String messages(SonarResponse response) {
        if (!(raw(response) instanceof JsonNode node)) {
            return "";
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode error : node.path("errors")) {
            if (error.path("msg").isString()) {
                messages.add(error.path("msg").asString());
            }
        }
        if (node.path("message").isString()) {
            messages.add(node.path("message").asString());
        }
        String joined = String.join("; ", messages);
        return joined.length() > MAX_MESSAGES ? joined.substring(0, MAX_MESSAGES) + "…" : joined;
    }

    /** 400, 403, 404 and other 4xx pass through with their meaning and the provider's error. */
    public ApiException passThrough(SonarClientError error) {
        SonarResponse response = error.response();
        String said = messages(response);
        String detail = "SonarQube Cloud answered " + response.status() + (said.isEmpty() ? "" : ": " + said);
        int status = response.status();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.PROVIDER_REJECTED;
            case 403 -> ErrorCode.PROVIDER_FORBIDDEN;
            case 404 -> ErrorCode.PROVIDER_NOT_FOUND;
            case 409 -> ErrorCode.PROVIDER_CONFLICT;
            default -> ErrorCode.PROVIDER_ERROR;
        };
        return ApiException.of(code, detail).withProviderError(providerError(response));
    }
}
