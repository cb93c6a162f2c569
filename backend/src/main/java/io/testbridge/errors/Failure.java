package io.testbridge.errors;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * A failure meant for the person at the client: its message is shown to them, so it says what is
 * wrong and, where it helps, what to do. Raised anywhere (modules, the Jira client, the HTTP layer)
 * and mapped to HTTP once, by its {@link ErrorCode}. Never put a secret in it.
 */
public class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String field;
    private final Duration retryAfter;

    public Failure(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public Failure(ErrorCode code, String message, String field) {
        this(code, message, field, null);
    }

    public Failure(ErrorCode code, String message, String field, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static Failure invalid(String field, String message) {
        return new Failure(ErrorCode.INVALID_REQUEST, message, field);
    }

    public static Failure notFound(String message) {
        return new Failure(ErrorCode.NOT_FOUND, message);
    }

    public static Failure conflict(String field, String message) {
        return new Failure(ErrorCode.CONFLICT, message, field);
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

    /** Extra members of the error object the client needs to act (e.g. which instance to authenticate with); null when none. */
    public JsonObject details() {
        return null;
    }
}
