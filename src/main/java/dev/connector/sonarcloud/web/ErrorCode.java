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
    ACCOUNT_NOT_ACTIVE(412, "account_not_active", "Account not active"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
    INVALID_CREDENTIALS(422, "invalid_credentials", "Invalid credentials"),
    ORGANIZATION_NOT_ACCESSIBLE(422, "organization_not_accessible", "Organization not accessible"),
    RATE_LIMITED(429, "rate_limited", "Too many requests"),
    INTERNAL_ERROR(500, "internal_error", "Internal error"),
    PROVIDER_ERROR(502, "provider_error", "Bad gateway"),
    PROVIDER_UNAVAILABLE(503, "provider_unavailable", "Service unavailable"),
    DATABASE_UNAVAILABLE(503, "database_unavailable", "Service unavailable"),
    /** The configured keyset cannot open an account's stored credential (the operator's problem, not the account's). */
    CREDENTIAL_UNREADABLE(503, "credential_unreadable", "Service unavailable"),
    PROVIDER_TIMEOUT(504, "provider_timeout", "Gateway timeout"),

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
