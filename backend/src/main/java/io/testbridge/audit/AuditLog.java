package io.testbridge.audit;

import io.testbridge.observability.Metrics;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes the OAuth history: the one direct call between modules. A history row must commit or roll
 * back with the action it records, so the module that acts calls {@link #record} on its own
 * connection, inside its own transaction, instead of asking the audit verticle over the event bus
 * (a message cannot join a transaction). The same statement notifies every node through PostgreSQL;
 * the notification is delivered only when the transaction commits, and each node's audit verticle
 * then publishes {@code testbridge.audit.events.recorded}.
 */
public final class AuditLog {
    /** The NOTIFY channel of committed history rows. */
    static final String CHANNEL = "testbridge_audit";
    private static final int MAX_REASON = 500;

    private final Clock clock;
    private final Metrics metrics;

    public AuditLog(Clock clock, Metrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Records an event in the caller's transaction; answers the row's id. */
    public Future<Long> record(SqlClient tx, long instanceId, String instanceName, Actor actor, AuditEventType type,
                               boolean success, String reason) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (tx instanceof SqlConnection connection && connection.transaction() != null) {
            connection.transaction().completion().onSuccess(committed -> metrics.auditEvent(type.name()));
        } else {
            metrics.auditEvent(type.name());
        }
        String trimmed = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
        return tx.preparedQuery("""
                        WITH recorded AS (
                            INSERT INTO oauth_history (occurred_at, instance_id, instance_name, actor_user_id, actor_name,
                                                       event_type, outcome, reason, request_id, client_address)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, instance_id, event_type, outcome)
                        SELECT id, pg_notify($11, json_build_object('id', id, 'instanceId', instance_id,
                                                                    'eventType', event_type, 'outcome', outcome)::text)
                          FROM recorded""")
                .execute(Tuple.from(new Object[] {now, instanceId, instanceName, actor.userId(), actor.name(), type.name(),
                        success ? "SUCCESS" : "FAILURE", trimmed, actor.requestId(), actor.clientAddress(), CHANNEL}))
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
