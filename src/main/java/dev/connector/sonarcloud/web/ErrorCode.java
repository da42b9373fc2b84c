package dev.connector.sonarcloud.web;

/**
 * Every error this service answers: its HTTP status, the problem title and the stable {@code code} callers switch on.
 * Several constants may share a wire code when the title differs (SonarQube Cloud's own 400/403/404/409 pass
 * through with a title that says so).
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "validation_failed", "Validation failed"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not_found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not_acceptable", "Not acceptable"),
    /** The request conflicts with what is stored (e.g. a re-link onto another account's owner and organization). */
    CONFLICT(409, "conflict", "Conflict"),
    /** The request (its body, or its head) did not arrive in time: the client is too slow. */
    REQUEST_TIMEOUT(408, "request_timeout", "Request timeout"),
    ACCOUNT_NOT_ACTIVE(412, "account_not_active", "Account not active"),
    URI_TOO_LONG(414, "uri_too_long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
    INVALID_CREDENTIALS(422, "invalid_credentials", "Invalid credentials"),
    ORGANIZATION_NOT_ACCESSIBLE(422, "organization_not_accessible", "Organization not accessible"),
    RATE_LIMITED(429, "rate_limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers_too_large", "Request header fields too large"),
    INTERNAL_ERROR(500, "internal_error", "Internal error"),
    PROVIDER_ERROR(502, "provider_error", "Bad gateway"),
    /** SonarQube Cloud's answer passed the response size cap (after decompression); a smaller page may fit. */
    RESPONSE_TOO_LARGE(502, "response_too_large", "Response too large"),
    PROVIDER_UNAVAILABLE(503, "provider_unavailable", "Service unavailable"),
    DATABASE_UNAVAILABLE(503, "database_unavailable", "Service unavailable"),
    /** The configured keyset cannot open an account's stored credential (the operator's problem, not the account's). */
    CREDENTIAL_UNREADABLE(503, "credential_unreadable", "Service unavailable"),
    PROVIDER_TIMEOUT(504, "provider_timeout", "Gateway timeout"),
    HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported", "HTTP version not supported"),

    /** SonarQube Cloud's own 4xx, passed through. */
    PROVIDER_REJECTED(400, "validation_failed", "Rejected by SonarQube Cloud"),
    PROVIDER_FORBIDDEN(403, "forbidden", "Forbidden by SonarQube Cloud"),
    PROVIDER_NOT_FOUND(404, "not_found", "Not found in SonarQube Cloud"),
    PROVIDER_CONFLICT(409, "conflict", "Conflict in SonarQube Cloud");

    private final int status;
    private final String code;
    private final String title;

    ErrorCode(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The wire form, e.g. {@code validation_failed}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
