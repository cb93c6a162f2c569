package io.testbridge.health;

import io.testbridge.db.DatabaseErrors;
import io.vertx.core.Future;
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
 *
 * <p>Probes are answered from the last check, which a timer runs every {@value #CHECK_EVERY_MS} ms
 * (bounded by {@value #TIMEOUT_MS} ms), not from a query per probe: a load balancer or an
 * orchestrator probing often costs the database nothing, and an answer is at most one period plus
 * the timeout old. Until the first check has finished, a probe checks for itself.
 */
public final class HealthCheck {
    static final long CHECK_EVERY_MS = 1_000;
    private static final long TIMEOUT_MS = 2_000;

    private final Vertx vertx;
    private final Pool pool;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean checking = new AtomicBoolean();
    /** The last check's answer; null until the first one finished. */
    private volatile JsonObject lastCheck;

    public HealthCheck(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Checks now and then every period, for as long as Vert.x runs. */
    public void start() {
        recheck();
        vertx.setPeriodic(CHECK_EVERY_MS, id -> recheck());
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

    private void recheck() {
        if (checking.compareAndSet(false, true)) {
            check().onComplete(done -> {
                lastCheck = done.result();
                checking.set(false);
            });
        }
    }

    /** The database's state, never a failure. */
    private Future<JsonObject> check() {
        return pool.query("SELECT 1").execute()
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .transform(result -> Future.succeededFuture(result.succeeded()
                        ? new JsonObject().put("status", "UP").put("database", "UP")
                        : new JsonObject().put("status", "DOWN").put("database", "DOWN")
                                .put("reason", "database: " + DatabaseErrors.rootMessage(result.cause()))));
    }

    private void database(RoutingContext ctx, JsonObject extra) {
        JsonObject known = lastCheck;
        (known != null ? Future.succeededFuture(known) : check()).onSuccess(state ->
                send(ctx, "UP".equals(state.getString("status")) ? 200 : 503, state.copy().mergeIn(extra)));
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }
}
