package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * The SonarQube Cloud endpoint an action calls: method, host, path, parameters it always sends, and whether the
 * linked account's organization goes along as {@code organization}.
 *
 * @param host              {@link Host#V1}: the Web API ({@code https://sonarcloud.io/api/…}); {@link Host#V2}: the
 *                          v2 API ({@code https://api.sonarcloud.io/…}). The region picks the actual host.
 * @param path              a v2 path may hold {@code {name}} segments, filled from the input of that name (or with
 *                          the organization's v2 id when {@code organizationIdAs} names it)
 * @param organizationIdAs  v2 only: the parameter (or path segment) that carries the organization's v2 id; null
 *                          when the endpoint takes none
 */
public record Upstream(HttpMethod method, Host host, String path, Map<String, String> fixed,
                       boolean sendsOrganization, String organizationIdAs) {

    public enum Host {
        V1, V2;

        public String id() {
            return name().toLowerCase();
        }
    }

    public Upstream {
        fixed = Map.copyOf(fixed);
        if (host == Host.V1 != path.startsWith("api/")) {
            throw new IllegalArgumentException("a v1 path starts with api/, a v2 path does not: " + path);
        }
        if (host == Host.V1 && (organizationIdAs != null || path.contains("{"))) {
            throw new IllegalArgumentException("only v2 endpoints take the organization id or path templates: " + path);
        }
    }

    /** A plain GET on the Web API, nothing fixed, no organization. */
    public static Upstream get(String path) {
        return new Upstream(HttpMethod.GET, Host.V1, path, Map.of(), false, null);
    }

    public Upstream(HttpMethod method, Host host, String path, Map<String, String> fixed, boolean sendsOrganization) {
        this(method, host, path, fixed, sendsOrganization, null);
    }

    /** A v2 endpoint that takes the organization's v2 id as {@code organizationIdAs}. */
    public static Upstream v2(HttpMethod method, String path, String organizationIdAs) {
        return new Upstream(method, Host.V2, path, Map.of(), false, organizationIdAs);
    }

    /** The request with these parameters (after the fixed ones): a query for GET, a form body otherwise. */
    public SonarRequest request(Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(parameters);
        return method == HttpMethod.GET
                ? new SonarRequest(method, path, all, null, path)
                : new SonarRequest(method, path, null, all, path);
    }
}
