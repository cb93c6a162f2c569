package io.testbridge.http.routes;

import io.testbridge.audit.CsvBatch;
import io.testbridge.audit.History;
import io.testbridge.audit.HistoryCursor;
import io.testbridge.audit.HistoryQuery;
import io.testbridge.bus.EventAddresses;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.BatchStream;
import io.testbridge.http.Requests;
import io.testbridge.http.SessionCookie;
import io.testbridge.identity.Identity;
import io.testbridge.identity.SessionToken;
import io.testbridge.integrations.Integrations;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The log icon: an instance's OAuth history, filtered and paged; its CSV export, streamed in batches
 * as the client reads; and a live stream (Server-Sent Events) of the rows committed on any node
 * while the history is open.
 */
public final class HistoryRoutes implements ApiModule {
    private static final int EXPORT_BATCH = 500;
    private static final long KEEP_ALIVE_MS = 25_000;

    private final History history;
    private final Integrations integrations;
    private final Identity identity;
    private final SessionCookie cookie;

    public HistoryRoutes(History history, Integrations integrations, Identity identity, SessionCookie cookie) {
        this.history = history;
        this.integrations = integrations;
        this.identity = identity;
        this.cookie = cookie;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listHistory", ctx -> {
                    HistoryQuery query = query(ctx);
                    ApiResponses.reply(ctx, 200, integrations.get(query.instanceId()).compose(instance ->
                            history.page(query, Requests.queryInt(ctx, "page", 1), Requests.queryInt(ctx, "pageSize", 50))));
                },
                "exportHistory", this::export,
                "streamHistory", this::stream);
    }

    private void export(RoutingContext ctx) {
        HistoryQuery query = query(ctx);
        integrations.get(query.instanceId()).onSuccess(instance -> {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"oauth-history-" + instance.id() + ".csv\"")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .setChunked(true)
                    .write(CsvBatch.HEADER);
            BatchStream.write(ctx, (HistoryCursor) null, cursor -> history.exportBatch(query, cursor, EXPORT_BATCH)
                    .map(batch -> new BatchStream.Batch<>(String.join("", batch.lines()), batch.next())));
        }).onFailure(ctx::fail);
    }

    /**
     * Rows of this instance committed on any node, as they commit: {@code event: recorded} with the
     * row's id, event type and outcome (the page then reloads what it shows). {@code event: ready}
     * says the subscription is live. The stream ends when the session does (checked at each
     * keep-alive), when the client goes, or when the server stops.
     */
    private void stream(RoutingContext ctx) {
        long instanceId = Requests.pathLong(ctx, "instanceId");
        SessionToken session = cookie.read(ctx);
        integrations.get(instanceId).onSuccess(instance -> {
            Vertx vertx = ctx.vertx();
            HttpServerResponse response = ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    // compression would hold events back in the compressor's buffer
                    .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
                    .putHeader("X-Accel-Buffering", "no")
                    .setChunked(true);
            MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(EventAddresses.AUDIT_RECORDED, message -> {
                JsonObject recorded = message.body();
                if (!response.closed() && recorded.getLong("instanceId", -1L) == instanceId) {
                    response.write("event: recorded\ndata: " + recorded.encode() + "\n\n");
                }
            });
            long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> identity.resolveSession(session).onComplete(resolved -> {
                if (resolved.succeeded() && resolved.result().isPresent()) {
                    response.write(": keep-alive\n\n");
                } else if (!response.closed()) {
                    response.end();
                }
            }));
            Runnable stop = () -> {
                vertx.cancelTimer(keepAlive);
                consumer.unregister();
            };
            response.closeHandler(closed -> stop.run());
            response.endHandler(ended -> stop.run());
            ctx.request().connection().shutdownHandler(shutdown -> {
                if (!response.closed()) {
                    response.end();
                }
            });
            consumer.completion().onSuccess(live -> response.write("event: ready\ndata: {}\n\n"));
        }).onFailure(ctx::fail);
    }

    private static HistoryQuery query(RoutingContext ctx) {
        return HistoryQuery.of(Requests.pathLong(ctx, "instanceId"), Requests.queryString(ctx, "eventType", null),
                Requests.queryString(ctx, "user", null), Requests.queryString(ctx, "from", null), Requests.queryString(ctx, "to", null));
    }
}
