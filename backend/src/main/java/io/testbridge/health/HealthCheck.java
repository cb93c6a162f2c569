package io.testbridge.health;

import io.testbridge.db.DatabaseErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /health}: 200 when the database answers, 503 with the reason when it does not.
 * {@code /health/live}: the process answers. {@code /health/ready}: start-up finished (migrations
 * applied, verticles deployed, background jobs scheduled) and the database answers.
 */
public final class HealthCheck {
    private static final long TIMEOUT_MS = 2_000;

    private final Pool pool;
    private final AtomicBoolean ready = new AtomicBoolean();

    public HealthCheck(Vertx vertx, Pool pool) {
        this.pool = pool;
    }

    public void markReady() {
        ready.set(true);
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> database(ctx, new JsonObject()));
        router.get("/health/live").handler(ctx -> send(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            if (!ready.get()) {
                send(ctx, 503, new JsonObject().put("status", "DOWN").put("reason", "starting"));
            } else {
                database(ctx, new JsonObject().put("started", true));
            }
        });
    }

    private void database(RoutingContext ctx, JsonObject extra) {
        pool.query("SELECT 1").execute()
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(result -> {
                    JsonObject body = result.succeeded()
                            ? new JsonObject().put("status", "UP").put("database", "UP")
                            : new JsonObject().put("status", "DOWN").put("database", "DOWN")
                                    .put("reason", "database: " + DatabaseErrors.rootMessage(result.cause()));
                    send(ctx, result.succeeded() ? 200 : 503, body.mergeIn(extra));
                });
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }
}
