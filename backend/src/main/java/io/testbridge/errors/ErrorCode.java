package io.testbridge.errors;

/** Every kind of API failure, mapped once to its HTTP status and the code clients see. */
public enum ErrorCode {
    INVALID_REQUEST(400, "invalid_request"),
    UNAUTHENTICATED(401, "unauthenticated"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    JIRA_AUTH_REQUIRED(401, "jira_auth_required"),
    /** An API token that matches no live token (never issued, mistyped, or purged). */
    TOKEN_UNKNOWN(401, "token_unknown"),
    TOKEN_REVOKED(401, "token_revoked"),
    TOKEN_EXPIRED(401, "token_expired"),
    /** A real token whose owner's account is disabled: it works again only if the account is enabled. */
    TOKEN_OWNER_DISABLED(401, "token_owner_disabled"),
    FORBIDDEN(403, "forbidden"),
    CSRF_TOKEN_INVALID(403, "csrf_token_invalid"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    /** Someone saved the same thing since this client read it; the error carries the current state. */
    EDIT_CONFLICT(409, "edit_conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    TOO_MANY_ATTEMPTS(429, "too_many_attempts"),
    /** An API token sent more requests than its rate limit allows; Retry-After says when to go on. */
    TOO_MANY_REQUESTS(429, "too_many_requests"),
    INTERNAL(500, "internal_error"),
    JIRA_ERROR(502, "jira_error"),
    JIRA_UNAVAILABLE(503, "jira_unavailable"),
    UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
