package io.testbridge.audit;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads the OAuth history: pages for the view, a streamed CSV for export, and retention. */
public final class HistoryService {
    static final String COLUMNS = "id, occurred_at, actor_name, event_type, outcome, reason, request_id, client_address";
    private static final int STREAM_FETCH = 500;

    private final Pool pool;
    private final Clock clock;

    public HistoryService(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    Future<JsonObject> page(HistoryQuery query, int page, int pageSize) {
        Tuple params = Tuple.tuple();
        String where = query.where(params);
        Tuple pageParams = Tuple.tuple();
        query.where(pageParams);
        pageParams.addInteger(pageSize).addLong((long) (page - 1) * pageSize);
        Future<JsonArray> items = pool.preparedQuery("SELECT " + COLUMNS + " FROM oauth_history" + where
                        + " ORDER BY occurred_at DESC, id DESC LIMIT $" + (pageParams.size() - 1) + " OFFSET $" + pageParams.size())
                .execute(pageParams)
                .map(rows -> {
                    JsonArray array = new JsonArray();
                    rows.forEach(row -> array.add(json(row)));
                    return array;
                });
        Future<Long> total = pool.preparedQuery("SELECT count(*) FROM oauth_history" + where).execute(params)
                .map(rows -> rows.iterator().next().getLong(0));
        return Future.all(items, total).map(done -> new JsonObject().put("items", items.result()).put("total", total.result())
                .put("page", page).put("pageSize", pageSize));
    }

    /** Streams every matching row as CSV through a cursor, pausing while the client is slow: bounded memory. */
    Future<Void> exportCsv(HistoryQuery query, HttpServerResponse response) {
        Tuple params = Tuple.tuple();
        String sql = "SELECT " + COLUMNS + " FROM oauth_history" + query.where(params) + " ORDER BY occurred_at DESC, id DESC";
        return pool.withTransaction(connection -> connection.prepare(sql).compose(statement -> {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            response.setChunked(true).write("occurred_at,actor,event_type,outcome,reason,request_id,client_address\r\n");
            RowStream<Row> rows = statement.createStream(STREAM_FETCH, params);
            rows.exceptionHandler(done::tryFail);
            rows.endHandler(end -> done.tryComplete());
            rows.handler(row -> {
                response.write(Buffer.buffer(csvLine(row)));
                if (response.writeQueueFull()) {
                    rows.pause();
                    response.drainHandler(drained -> rows.resume());
                }
            });
            response.closeHandler(closed -> done.tryFail("client went away"));
            return done.future().eventually(rows::close);
        }));
    }

    /** Deletes rows older than the retention; the only deletion the history ever sees. */
    public Future<Integer> applyRetention(Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(retention);
        return pool.preparedQuery("DELETE FROM oauth_history WHERE occurred_at < $1").execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }

    private static JsonObject json(Row row) {
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("actor", row.getString("actor_name"))
                .put("eventType", row.getString("event_type"))
                .put("outcome", row.getString("outcome"))
                .put("reason", row.getString("reason"))
                .put("requestId", row.getString("request_id"))
                .put("clientAddress", row.getString("client_address"));
    }

    static String csvLine(Row row) {
        return String.join(",", csv(row.getOffsetDateTime("occurred_at").toInstant().toString()), csv(row.getString("actor_name")),
                csv(row.getString("event_type")), csv(row.getString("outcome")), csv(row.getString("reason")),
                csv(row.getString("request_id")), csv(row.getString("client_address"))) + "\r\n";
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
