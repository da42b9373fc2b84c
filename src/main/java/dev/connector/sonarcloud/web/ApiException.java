package dev.connector.sonarcloud.web;

import java.util.List;

/**
 * An error with a stable machine-readable code ({@link ErrorCode}); rendered as application/problem+json.
 * Built by the named factories; the detail is shown to callers and must never hold a credential.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode error;
    private final List<FieldError> errors;
    private final List<ProviderError> providerErrors;
    private final Long retryAfterSeconds;

    private ApiException(ErrorCode error, String detail, List<FieldError> errors, List<ProviderError> providerErrors,
                         Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.error = error;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.providerErrors = providerErrors == null ? List.of() : List.copyOf(providerErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public record FieldError(String field, String message) {
    }

    /** StackOne's name for what the provider answered; {@code raw} is its parsed error body. */
    public record ProviderError(int status, String url, Object raw) {
    }

    /** Any code with a detail; prefer the named factories below where one fits. */
    public static ApiException of(ErrorCode error, String detail) {
        return new ApiException(error, detail, null, null, null);
    }

    public static ApiException validation(String detail, List<FieldError> errors) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail, errors, null, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(String detail) {
        return of(ErrorCode.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return of(ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return of(ErrorCode.NOT_FOUND, detail);
    }

    public static ApiException methodNotAllowed(String detail) {
        return of(ErrorCode.METHOD_NOT_ALLOWED, detail);
    }

    public static ApiException conflict(String detail) {
        return of(ErrorCode.CONFLICT, detail);
    }

    public static ApiException accountNotActive(String detail) {
        return of(ErrorCode.ACCOUNT_NOT_ACTIVE, detail);
    }

    public static ApiException rateLimited(String detail, long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, detail, null, null, Math.max(1, retryAfterSeconds));
    }

    /** A 503 ({@link ErrorCode#PROVIDER_UNAVAILABLE}, {@link ErrorCode#DATABASE_UNAVAILABLE}) with Retry-After. */
    public static ApiException unavailable(ErrorCode error, String detail, long retryAfterSeconds) {
        if (error.status() != 503) {
            throw new IllegalArgumentException(error + " is not a 503");
        }
        return new ApiException(error, detail, null, null, Math.max(1, retryAfterSeconds));
    }

    /** SonarQube Cloud answered something unusable (502). */
    public static ApiException providerError(String detail) {
        return of(ErrorCode.PROVIDER_ERROR, detail);
    }

    public static ApiException providerTimeout(String detail) {
        return of(ErrorCode.PROVIDER_TIMEOUT, detail);
    }

    public static ApiException internal(String detail) {
        return of(ErrorCode.INTERNAL_ERROR, detail);
    }

    /** The same error with what the provider answered. */
    public ApiException withProviderErrors(List<ProviderError> providerErrors) {
        return new ApiException(error, getMessage(), errors, providerErrors, retryAfterSeconds);
    }

    public ApiException withProviderError(ProviderError providerError) {
        return withProviderErrors(List.of(providerError));
    }

    /** The same error in other words (for a person at a form rather than a program). */
    public ApiException withDetail(String detail) {
        return new ApiException(error, detail, errors, providerErrors, retryAfterSeconds);
    }

    /** The same error with a Retry-After (at least 1 s). */
    public ApiException withRetryAfter(long seconds) {
        return new ApiException(error, getMessage(), errors, providerErrors, Math.max(1, seconds));
    }

    public ErrorCode error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public String code() {
        return error.code();
    }

    public String title() {
        return error.title();
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
