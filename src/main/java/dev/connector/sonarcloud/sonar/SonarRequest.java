package dev.connector.sonarcloud.sonar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * One call to SonarQube Cloud. {@code path} is relative: {@code api/…} goes to the region's web API host,
 * anything else to its v2 API host. {@code endpoint} names the call in metrics (a template, never a raw URL).
 * Web API (v1) writes send their parameters as a form body, as SonarQube expects; v2 writes send {@code json}
 * (a JSON document) as the body instead.
 */
public record SonarRequest(HttpMethod method, String path, Map<String, String> query, Map<String, String> form,
                           String endpoint, String json) {

    public SonarRequest {
        query = query == null ? Map.of() : query;
        form = form == null ? Map.of() : form;
        endpoint = endpoint == null ? path : endpoint;
        if (json != null && !form.isEmpty()) {
            throw new IllegalArgumentException("a request has a form body or a JSON body, not both");
        }
    }

    public SonarRequest(HttpMethod method, String path, Map<String, String> query, Map<String, String> form,
                        String endpoint) {
        this(method, path, query, form, endpoint, null);
    }

    /** A v2 call: query parameters, and a JSON body (null for none). */
    public static SonarRequest v2(HttpMethod method, String path, Map<String, String> query, String json,
                                  String endpoint) {
        return new SonarRequest(method, path, query, null, endpoint, json);
    }

    public static SonarRequest get(String path, Map<String, String> query) {
        return new SonarRequest(HttpMethod.GET, path, query, null, path);
    }

    public static Map<String, String> params(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    public boolean webApi() {
        return path.startsWith("api/");
    }

    public boolean idempotent() {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
