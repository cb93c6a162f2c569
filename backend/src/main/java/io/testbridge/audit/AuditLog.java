package io.testbridge.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.testbridge.observability.Metrics;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes the OAuth history. A row is written on the same connection, inside the same transaction,
 * as the action it records, so the action and its history row commit or roll back together; after
 * the commit the caller may {@link #announce} it on the event bus for live listeners.
 */
public final class AuditLog {
    public static final String RECORDED = io.testbridge.EventAddresses.AUDIT_RECORDED;
    private static final int MAX_REASON = 500;

    private final Vertx vertx;
    private final Clock clock;
    private final Metrics metrics;

    public AuditLog(Vertx vertx, Clock clock, Metrics metrics) {
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Future<JsonObject> record(SqlClient tx, long instanceId, String instanceName, Actor actor, AuditEventType type,
                                     boolean success, String reason) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (tx instanceof SqlConnection connection && connection.transaction() != null) {
            connection.transaction().completion().onSuccess(committed -> metrics.auditEvent(type.name()));
        } else {
            metrics.auditEvent(type.name());
        }
        String trimmed = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
        return tx.preparedQuery("""
                        INSERT INTO oauth_history (occurred_at, instance_id, instance_name, actor_user_id, actor_name,
                                                   event_type, outcome, reason, request_id, client_address)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""")
                .execute(Tuple.from(new Object[] {now, instanceId, instanceName, actor.userId(), actor.name(), type.name(),
                        success ? "SUCCESS" : "FAILURE", trimmed, actor.requestId(), actor.clientAddress()}))
                .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong(0)).put("instanceId", instanceId)
                        .put("eventType", type.name()).put("outcome", success ? "SUCCESS" : "FAILURE"));
    }

    /** Tells live listeners (metrics, open history views) about a committed row. */
    public void announce(JsonObject recorded) {
        vertx.eventBus().publish(RECORDED, recorded);
    }
}
