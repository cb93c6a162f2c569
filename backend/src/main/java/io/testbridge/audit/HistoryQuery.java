package io.testbridge.audit;

import io.testbridge.errors.Failure;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The filters of the OAuth history view and export, as one SQL condition. */
public record HistoryQuery(long instanceId, String eventType, String user, OffsetDateTime from, OffsetDateTime to) {

    public static HistoryQuery of(long instanceId, String eventType, String user, String from, String to) {
        if (eventType != null && !eventType.isBlank()) {
            try {
                AuditEventType.valueOf(eventType);
            } catch (IllegalArgumentException e) {
                throw Failure.invalid("eventType", "Unknown event type " + eventType + ".");
            }
        }
        return new HistoryQuery(instanceId, blankToNull(eventType), blankToNull(user), time("from", from), time("to", to));
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw Failure.invalid(field, field + " must be a date-time like 2026-11-28T00:00:00Z.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** WHERE clause with $1.. parameters, and the tuple that fills them. */
    String where(Tuple params) {
        List<String> conditions = new ArrayList<>();
        params.addLong(instanceId);
        conditions.add("instance_id = $" + params.size());
        if (eventType != null) {
            params.addString(eventType);
            conditions.add("event_type = $" + params.size());
        }
        if (user != null) {
            params.addString("%" + user.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            conditions.add("actor_name ILIKE $" + params.size());
        }
        if (from != null) {
            params.addOffsetDateTime(from);
            conditions.add("occurred_at >= $" + params.size());
        }
        if (to != null) {
            params.addOffsetDateTime(to);
            conditions.add("occurred_at < $" + params.size());
        }
        return " WHERE " + String.join(" AND ", conditions);
    }
}
