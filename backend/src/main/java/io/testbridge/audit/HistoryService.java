package io.testbridge.audit;

import io.testbridge.shared.Csv;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the OAuth history: pages for the view, batches of CSV for export, and retention. */
final class HistoryService implements History {
    static final String COLUMNS = "id, occurred_at, actor_name, event_type, outcome, reason, request_id, client_address";
    private static final String ORDER = " ORDER BY occurred_at DESC, id DESC";

    private final Pool pool;
    private final Clock clock;
    private final Duration retention;

    /** @param retention how long rows are kept; zero keeps them forever */
    HistoryService(Pool pool, Clock clock, Duration retention) {
        this.pool = pool;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Future<JsonObject> page(HistoryQuery query, int page, int pageSize) {
        Tuple params = Tuple.tuple();
        String where = query.where(params);
        Tuple pageParams = Tuple.tuple();
        query.where(pageParams);
        pageParams.addInteger(pageSize).addLong((long) (page - 1) * pageSize);
        Future<JsonArray> items = pool.preparedQuery("SELECT " + COLUMNS + " FROM oauth_history" + where
                        + ORDER + " LIMIT $" + (pageParams.size() - 1) + " OFFSET $" + pageParams.size())
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

    /**
     * Keyset paging down the history's index (instance, time, id), so each batch costs the same however
     * deep the export is, and the exporting request never holds a connection between batches.
     */
    @Override
    public Future<CsvBatch> exportBatch(HistoryQuery query, HistoryCursor cursor, int limit) {
        Tuple params = Tuple.tuple();
        String where = query.where(params);
        if (cursor != null) {
            params.addOffsetDateTime(cursor.occurredAt()).addLong(cursor.id());
            where += " AND (occurred_at, id) < ($" + (params.size() - 1) + ", $" + params.size() + ")";
        }
        params.addInteger(limit);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM oauth_history" + where + ORDER + " LIMIT $" + params.size())
                .execute(params)
                .map(rows -> {
                    List<String> lines = new ArrayList<>(rows.size());
                    HistoryCursor last = null;
                    for (Row row : rows) {
                        lines.add(csvLine(row));
                        last = new HistoryCursor(row.getOffsetDateTime("occurred_at"), row.getLong("id"));
                    }
                    return new CsvBatch(lines, rows.size() < limit ? null : last);
                });
    }

    /** Deletes rows older than the retention; the only deletion the history ever sees. */
    @Override
    public Future<Integer> applyRetention() {
        if (retention.isZero()) {
            return Future.succeededFuture(0);
        }
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
        return Csv.line(java.util.Arrays.asList(row.getOffsetDateTime("occurred_at").toInstant().toString(), row.getString("actor_name"),
                row.getString("event_type"), row.getString("outcome"), row.getString("reason"), row.getString("request_id"),
                row.getString("client_address")));
    }
}
