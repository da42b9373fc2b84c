package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
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
        String text = new String(response.body(), 0, length, java.nio.charset.StandardCharsets.UTF_8);
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
        String code = switch (status) {
            case 400 -> "validation_failed";
            case 401 -> "invalid_credentials";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> "provider_error";
        };
        int answered = switch (status) {
            case 400, 403, 404, 409 -> status;
            default -> 502;
        };
        String title = switch (answered) {
            case 400 -> "Rejected by SonarQube Cloud";
            case 403 -> "Forbidden by SonarQube Cloud";
            case 404 -> "Not found in SonarQube Cloud";
            case 409 -> "Conflict in SonarQube Cloud";
            default -> "Bad gateway";
        };
        return new ApiException(answered, code, title, detail, null, List.of(providerError(response)), null);
    }
}
