package dev.connector.sonarcloud.sim;

import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One incoming call as the simulator sees it: method, path, token and parameters. Parameters are read from the
 * query string first, then from an {@code application/x-www-form-urlencoded} body (SonarQube's POST style).
 */
record ApiRequest(Request raw, String method, String path, Optional<String> token) {

    static ApiRequest of(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return new ApiRequest(request, request.getMethod().getName(), path, token(request.getHeader("Authorization")));
    }

    /** Bearer token, or SonarQube's other accepted form: Basic with the token as user name and an empty password. */
    private static Optional<String> token(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(value.substring(7).strip());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.of("");
            }
        }
        return Optional.of("");
    }

    /** A parameter's value; blank counts as absent, as for SonarQube's required parameters. */
    Optional<String> param(String name) {
        List<String> values = values(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", values);
        return joined.isBlank() ? Optional.empty() : Optional.of(joined);
    }

    String required(String name) {
        return param(name).orElseThrow(() -> SonarApiException.missingParameter(name));
    }

    /** A comma-separated list parameter; empty when absent. */
    List<String> list(String name) {
        return param(name)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    int intParam(String name, int defaultValue) {
        Optional<String> value = param(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw SonarApiException.badRequest(
                    "The '" + name + "' parameter cannot be parsed as an integer value: " + value.get());
        }
    }

    boolean booleanParam(String name, boolean defaultValue) {
        Optional<String> value = param(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().strip().toLowerCase()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw SonarApiException.badRequest(
                    "Value of parameter '" + name + "' (" + value.get() + ") must be one of: [true, false, yes, no]");
        };
    }

    private List<String> values(String name) {
        QueryParameter query = raw.queryParameter(name);
        if (query != null && query.isPresent()) {
            return query.values();
        }
        if (isForm()) {
            FormParameter form = raw.formParameter(name);
            if (form != null && form.isPresent()) {
                return form.values();
            }
        }
        return List.of();
    }

    private boolean isForm() {
        String contentType = raw.getHeader("Content-Type");
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }
}
