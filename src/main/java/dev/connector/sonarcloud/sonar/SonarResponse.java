package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What SonarQube Cloud answered. {@code url} is the request URL without credentials, for provider_errors. */
public record SonarResponse(int status, String contentType, byte[] body, String url, String retryAfter) {

    /** The body as JSON; garbage from upstream is a 502, never a 500. */
    public JsonNode json(ObjectMapper mapper) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.providerError("SonarQube Cloud answered a body that is not valid JSON")
                    .withProviderError(new ApiException.ProviderError(status, url, null));
        }
    }
}
