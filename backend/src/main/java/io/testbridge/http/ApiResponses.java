package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.testbridge.shared.EncodedJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/** Writes JSON bodies and the one error shape: {"error":{"code","message","field"}}. */
public final class ApiResponses {
    private static final String JSON = "application/json; charset=utf-8";

    private ApiResponses() {
    }

    /**
     * Writes a JSON answer. A successful GET carries an {@link EntityTags entity tag} and is answered
     * 304 with no body when the request's {@code If-None-Match} names it. Answers stay out of browser
     * and proxy caches ({@code no-store}: they are one person's data); a client that keeps an answer
     * in memory revalidates it with the tag (the SPA does).
     */
    public static void json(RoutingContext ctx, int status, Object body) {
        Buffer bytes;
        String tag = null;
        if (body instanceof EncodedJson encoded) {
            bytes = encoded.bytes().copy(); // shared by every event loop: each sends its own
            tag = encoded.tag();
        } else {
            // straight to UTF-8 bytes: encoding to a String first costs a copy and a conversion per character
            bytes = body instanceof JsonObject json ? json.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body);
        }
        HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == 200 && ctx.request().method() == HttpMethod.GET) {
            tag = tag != null ? tag : EncodedJson.tagOf(bytes);
            response.putHeader(HttpHeaders.ETAG, tag);
            if (EntityTags.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
                response.setStatusCode(304).end();
                return;
            }
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(bytes);
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
