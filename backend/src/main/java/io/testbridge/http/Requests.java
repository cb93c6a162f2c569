package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.identity.Principal;
import io.testbridge.shared.Actor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatedRequest;

/** Typed access to what {@link ApiRouter} put on the routing context. */
public final class Requests {
    static final String PRINCIPAL = "testbridge.principal";
    static final String VALIDATED = "testbridge.validated";

    private Requests() {
    }

    /** The logged-in user; present on every operation that is not PUBLIC. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new Failure(ErrorCode.UNAUTHENTICATED, "Log in first.");
        }
        return principal;
    }

    /** The validated JSON body. */
    public static JsonObject body(RoutingContext ctx) {
        ValidatedRequest request = ctx.get(VALIDATED);
        JsonObject body = request == null || request.getBody() == null ? null : request.getBody().getJsonObject();
        return body == null ? new JsonObject() : body;
    }

    /** A validated query parameter, or the default when it was not sent. */
    public static String queryString(RoutingContext ctx, String name, String defaultValue) {
        ValidatedRequest request = ctx.get(VALIDATED);
        var parameter = request.getQuery().get(name);
        return parameter == null || parameter.isNull() ? defaultValue : parameter.getString();
    }

    public static int queryInt(RoutingContext ctx, String name, int defaultValue) {
        ValidatedRequest request = ctx.get(VALIDATED);
        var parameter = request.getQuery().get(name);
        return parameter == null || parameter.isNull() ? defaultValue : parameter.getInteger();
    }

    /** A validated integer query parameter, or null when it was not sent. */
    public static Long queryLong(RoutingContext ctx, String name) {
        ValidatedRequest request = ctx.get(VALIDATED);
        var parameter = request.getQuery().get(name);
        return parameter == null || parameter.isNull() ? null : parameter.getLong();
    }

    public static boolean queryBoolean(RoutingContext ctx, String name, boolean defaultValue) {
        ValidatedRequest request = ctx.get(VALIDATED);
        var parameter = request.getQuery().get(name);
        return parameter == null || parameter.isNull() ? defaultValue : parameter.getBoolean();
    }

    public static String pathString(RoutingContext ctx, String name) {
        ValidatedRequest request = ctx.get(VALIDATED);
        return request.getPathParameters().get(name).getString();
    }

    public static long pathLong(RoutingContext ctx, String name) {
        ValidatedRequest request = ctx.get(VALIDATED);
        return request.getPathParameters().get(name).getLong();
    }

    /** A required text field that must not be blank once trimmed (the schema cannot say that). */
    public static String text(JsonObject body, String field) {
        String value = body.getString(field);
        if (value == null || value.isBlank()) {
            throw Failure.invalid(field, field + " must not be blank.");
        }
        return value.strip();
    }

    /** The logged-in user as the actor of what this request does (for the history). */
    public static Actor actor(RoutingContext ctx) {
        Principal principal = principal(ctx);
        return new Actor(principal.userId(), principal.username(), RequestIds.of(ctx), clientAddress(ctx));
    }

    /** The client as {@link ClientAddresses} found it (behind a trusted proxy, the address it forwarded). */
    public static String clientAddress(RoutingContext ctx) {
        String client = ctx.get(ClientAddresses.KEY);
        if (client != null) {
            return client;
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
