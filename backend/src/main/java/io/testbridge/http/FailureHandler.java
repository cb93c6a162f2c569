package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps every failure on every route to the one error shape; unexpected ones are logged, never shown. */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    private static final Pattern QUOTED_PROPERTY = Pattern.compile("propert(?:y|ies) \"?([A-Za-z0-9_]+)\"?");
    private static final Pattern PARAMETER = Pattern.compile("parameter ([A-Za-z0-9_-]+)");

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof Failure known) {
            // details: what the client needs to act, e.g. the instance to authenticate with, or the case as it is now
            ApiResponses.error(ctx, known.code(), known.getMessage(), known.field(), known.retryAfter(), known.details());
        } else if (failure instanceof SchemaValidationException schema) {
            describeSchemaFailure(ctx, schema);
        } else if (failure instanceof ValidatorException validator) {
            describeValidatorFailure(ctx, validator);
        } else if (failure instanceof DecodeException) {
            ApiResponses.error(ctx, ErrorCode.INVALID_REQUEST, "The request body is not valid JSON.", "body", null);
        } else if (failure == null) {
            byStatus(ctx, ctx.statusCode());
        } else if (databaseUnreachable(failure)) {
            LOG.warn("event=database_unavailable method={} path={} error={}", ctx.request().method(), ctx.normalizedPath(), failure.toString());
            ApiResponses.error(ctx, ErrorCode.UNAVAILABLE, "A service Testbridge depends on (its database) is not answering right now. Try again shortly.",
                    null, java.time.Duration.ofSeconds(5));
        } else {
            LOG.error("event=request_failed method={} path={} error={}", ctx.request().method(), ctx.normalizedPath(),
                    failure.toString(), failure);
            ApiResponses.error(ctx, ErrorCode.INTERNAL, "Something went wrong on the server; it has been logged.", null, null);
        }
    }

    /**
     * A lost, reset or refused connection (in practice the database's): the server is unavailable, not broken.
     * Netty reports a reset or broken connection as a plain {@link java.io.IOException} (NIO's "Connection reset
     * by peer", epoll's NativeIoException), so those are recognised by their message.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof java.net.SocketException || t instanceof java.nio.channels.ClosedChannelException
                    || (t instanceof java.io.IOException && lostConnection(t.getMessage()))
                    || type.endsWith("ClosedConnectionException")
                    || type.endsWith("ConnectTimeoutException") || (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(String message) {
        return message != null && (message.contains("Connection reset") || message.contains("Broken pipe"));
    }

    private static void byStatus(RoutingContext ctx, int status) {
        switch (status) {
            case 400 -> ApiResponses.error(ctx, ErrorCode.INVALID_REQUEST, "The request is malformed.", null, null);
            case 401 -> ApiResponses.error(ctx, ErrorCode.UNAUTHENTICATED, "Log in first.", null, null);
            case 403 -> ApiResponses.error(ctx, ErrorCode.FORBIDDEN, "You do not have the right to do this.", null, null);
            case 404 -> ApiResponses.error(ctx, ErrorCode.NOT_FOUND, "There is no such resource: " + ctx.normalizedPath(), null, null);
            case 405 -> ApiResponses.error(ctx, ErrorCode.METHOD_NOT_ALLOWED,
                    ctx.request().method() + " is not allowed on " + ctx.normalizedPath() + ".", null, null);
            case 413 -> {
                Long limit = ctx.get(ApiRouter.BODY_LIMIT);
                ApiResponses.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE, limit == null ? "The request body is too large."
                        : "The request body is larger than " + megabytes(limit) + ", the most this takes.", "body", null);
            }
            case 415 -> ApiResponses.error(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", "body", null);
            default -> {
                if (status >= 400 && status < 500) {
                    ApiResponses.error(ctx, ErrorCode.INVALID_REQUEST, "The request was refused (" + status + ").", null, null);
                } else {
                    LOG.error("event=request_failed method={} path={} status={}", ctx.request().method(), ctx.normalizedPath(), status);
                    ApiResponses.error(ctx, ErrorCode.INTERNAL, "Something went wrong on the server; it has been logged.", null, null);
                }
            }
        }
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : Math.max(1, bytes / 1024) + " KB";
    }

    private static void describeValidatorFailure(RoutingContext ctx, ValidatorException e) {
        String message = e.getMessage() == null ? "The request is invalid." : e.getMessage();
        if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && message.toLowerCase().contains("body")) {
            ApiResponses.error(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", "body", null);
            return;
        }
        Matcher parameter = PARAMETER.matcher(message);
        String field = parameter.find() ? parameter.group(1) : "body";
        if (message.toLowerCase().contains("body") && !parameter.find(0)) {
            field = "body";
        }
        ApiResponses.error(ctx, ErrorCode.INVALID_REQUEST, sentence(message), field, null);
    }

    private static void describeSchemaFailure(RoutingContext ctx, SchemaValidationException e) {
        OutputUnit unit = mostSpecific(e.getOutputUnit());
        String location = unit == null || unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
        String error = unit == null || unit.getError() == null ? e.getMessage() : unit.getError();
        Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
        String field = parameter.find() ? parameter.group(1) : fieldOf(location, error, e.getMessage());
        String keyword = unit == null || unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
        String message;
        if (field == null) {
            message = sentence(error);
        } else if (keyword.endsWith("additionalProperties")) {
            message = field + " is not a field of this request.";
        } else if (keyword.endsWith("required")) {
            // The location is the object missing the property; the property is named in the error.
            Matcher missing = QUOTED_PROPERTY.matcher(error == null ? "" : error);
            if (missing.find() && !field.equals(missing.group(1)) && !field.endsWith("." + missing.group(1))) {
                field = field + "." + missing.group(1);
            }
            message = field + " is required.";
        } else {
            message = "Invalid " + field + ": " + sentence(error);
        }
        ApiResponses.error(ctx, ErrorCode.INVALID_REQUEST, message, field == null ? "body" : field, null);
    }

    /** The error at the deepest keyword (e.g. .../minLength) names the field and the rule most precisely. */
    private static OutputUnit mostSpecific(OutputUnit unit) {
        if (unit == null) {
            return null;
        }
        OutputUnit best = unit.getError() == null ? null : unit;
        if (unit.getErrors() != null) {
            for (OutputUnit child : unit.getErrors()) {
                OutputUnit candidate = mostSpecific(child);
                if (candidate != null && (best == null || depth(candidate) > depth(best))) {
                    best = candidate;
                }
            }
        }
        return best == null ? unit : best;
    }

    private static int depth(OutputUnit unit) {
        String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
        String instance = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
        return 1000 * instance.split("/").length + keyword.split("/").length;
    }

    private static String fieldOf(String instanceLocation, String error, String fallback) {
        String location = instanceLocation.replaceFirst("^#", "");
        if (location.startsWith("/")) {
            String[] parts = location.substring(1).split("/");
            return String.join(".", parts).replace("~1", "/").replace("~0", "~");
        }
        for (String text : new String[] {error, fallback}) {
            if (text != null) {
                Matcher matcher = QUOTED_PROPERTY.matcher(text);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    private static String sentence(String text) {
        String trimmed = text == null ? "invalid value" : text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
