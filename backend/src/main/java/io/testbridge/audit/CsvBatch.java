package io.testbridge.audit;

import java.util.List;

/** Lines of a CSV export (each ending in CRLF), and where the next batch starts (null: none). */
public record CsvBatch(List<String> lines, HistoryCursor next) {
    /** The export's first line. */
    public static final String HEADER = "occurred_at,actor,event_type,outcome,reason,request_id,client_address\r\n";
}
