package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/** Writes JSON bodies and the one error shape: {"error":{"code","message","field"}}. */
public final class ApiResponses {
    private static final String JSON = "application/json; charset=utf-8";

    private ApiResponses() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // straight to UTF-8 bytes: encoding to a String first costs a copy and a conversion per character
                .end(body instanceof JsonObject json ? json.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body));
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }

    /** Completes the request with the future's value, or routes its failure to the failure handler. */
    public static <T> void reply(RoutingContext ctx, int status, Future<T> result) {
        result.onSuccess(value -> {
            if (value == null) {
                noContent(ctx);
            } else {
                json(ctx, status, value);
            }
        }).onFailure(ctx::fail);
    }

    public static void error(RoutingContext ctx, ErrorCode code, String message, String field, Duration retryAfter) {
        error(ctx, code, message, field, retryAfter, null);
    }

    /** @param details extra members of the error object (e.g. the instance that needs authentication) */
    public static void error(RoutingContext ctx, ErrorCode code, String message, String field, Duration retryAfter, JsonObject details) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        JsonObject error = new JsonObject().put("code", code.code()).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        if (details != null) {
            details.forEach(entry -> error.put(entry.getKey(), entry.getValue()));
        }
        if (retryAfter != null) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        json(ctx, code.status(), new JsonObject().put("error", error));
    }
}
