package io.testbridge.audit;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The audit module's door: reading the OAuth history (the table oauth_history, which it owns;
 * modules write it only through {@link AuditLog}, in their own transactions).
 */
@Door(value = EventAddresses.AUDIT, timeoutSeconds = 30)
public interface History {
    /** One page of an instance's history, newest first, with the total. */
    Future<JsonObject> page(HistoryQuery query, int page, int pageSize);

    /**
     * The next rows of a CSV export, newest first, after {@code cursor} (null: from the newest);
     * the batch's cursor is null after the last row.
     */
    Future<CsvBatch> exportBatch(HistoryQuery query, HistoryCursor cursor, int limit);

    /** Applies the retention setting now rather than at its next period (operators' and tests' lever); how many rows went. */
    Future<Integer> applyRetention();
}
