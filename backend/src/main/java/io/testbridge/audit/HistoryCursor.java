package io.testbridge.audit;

import java.time.OffsetDateTime;

/** Where an export stopped: the last row written, in the history's order (newest first). */
public record HistoryCursor(OffsetDateTime occurredAt, long id) {
}
