package dev.connector.sonarcloud.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the running service, as other software would call it. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;
    private final boolean checkContract;

    public Api(String baseUrl, Map<String, String> headers) {
        this(baseUrl, headers, true);
    }

    private Api(String baseUrl, Map<String, String> headers, boolean checkContract) {
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.checkContract = checkContract;
    }

    /** The same client without the openapi.yaml check (for tests that send deliberately odd things). */
    public Api withoutContractCheck() {
        return new Api(baseUrl, headers, false);
    }

    /** With {@code Authorization: Bearer <key>}. */
    public Api as(String apiKey) {
        return header("Authorization", "Bearer " + apiKey);
    }

    public Api account(String accountId) {
        return header("x-account-id", accountId);
    }

    public Api header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Api(baseUrl, copy, checkContract);
    }

    public record Response(int status, HttpHeaders headers, String text) {
        public JsonNode json() {
            return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", body == null ? "" : json(body));
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, "application/json", json(body));
    }

    public Response postForm(String path, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", encoded);
    }

    /** A raw body with a chosen content type (for malformed input tests). */
    public Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers(), response.body());
            if (checkContract) {
                var problems = Contract.get().check(method, path, answer.status(), answer.contentType(), answer.text());
                if (!problems.isEmpty()) {
                    throw new AssertionError("response does not match openapi.yaml:\n  " + String.join("\n  ", problems)
                            + "\n  body: " + answer.text().substring(0, Math.min(2000, answer.text().length())));
                }
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object body) {
        return body instanceof String text ? text : JSON.writeValueAsString(body);
    }
}
