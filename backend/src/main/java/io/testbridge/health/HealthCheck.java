package io.testbridge.health;

import io.testbridge.db.DatabaseErrors;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when the database answers, 503 with the reason when it does not. */
public final class HealthCheck implements Handler<RoutingContext> {
    private static final long TIMEOUT_MS = 2_000;

    private final Pool pool;

    public HealthCheck(Vertx vertx, Pool pool) {
        this.pool = pool;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pool.query("SELECT 1").execute()
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(result -> {
                    JsonObject body = result.succeeded()
                            ? new JsonObject().put("status", "UP").put("database", "UP")
                            : new JsonObject().put("status", "DOWN").put("database", "DOWN")
                                    .put("reason", "database: " + DatabaseErrors.rootMessage(result.cause()));
                    ctx.response()
                            .setStatusCode(result.succeeded() ? 200 : 503)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(body.encode());
                });
    }
}
