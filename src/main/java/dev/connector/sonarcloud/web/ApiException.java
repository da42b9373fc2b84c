package dev.connector.sonarcloud.web;

import java.util.List;

/**
 * An error with a stable machine-readable code; rendered as application/problem+json.
 * The detail is shown to callers: it must never hold a credential.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final List<ProviderError> providerErrors;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String title, String detail,
                        List<FieldError> errors, List<ProviderError> providerErrors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.providerErrors = providerErrors == null ? List.of() : List.copyOf(providerErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public record FieldError(String field, String message) {
    }

    /** StackOne's name for what the provider answered; {@code raw} is its parsed error body. */
    public record ProviderError(int status, String url, Object raw) {
    }

    public static ApiException validation(String detail, List<FieldError> errors) {
        return new ApiException(400, "validation_failed", "Validation failed", detail, errors, null, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, null, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", "Not found", detail, null, null, null);
    }

    public static ApiException rateLimited(String detail, long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "Too many requests", detail, null, null, Math.max(1, retryAfterSeconds));
    }

    public static ApiException unavailable(String code, String detail, long retryAfterSeconds) {
        return new ApiException(503, code, "Service unavailable", detail, null, null, Math.max(1, retryAfterSeconds));
    }

    public ApiException withProviderErrors(List<ProviderError> providerErrors) {
        return new ApiException(status, code, title, getMessage(), errors, providerErrors, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<ProviderError> providerErrors() {
        return providerErrors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
