package io.testbridge.http;

import java.time.Duration;

/**
 * A failure meant for the API client: its message is shown to a person, so it says what is wrong
 * and, where it helps, what to do. Never put a secret in it.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String field;
    private final Duration retryAfter;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ApiException(ErrorCode code, String message, String field) {
        this(code, message, field, null);
    }

    public ApiException(ErrorCode code, String message, String field, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(ErrorCode.CONFLICT, message, field);
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
