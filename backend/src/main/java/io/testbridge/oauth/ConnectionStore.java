package io.testbridge.oauth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/**
 * The SQL of oauth_connections: whether OAuth is on for an instance and as whom the administrator
 * connected it. Others read it only through the view oauth_connection_summaries.
 */
final class ConnectionStore {

    /** Whether OAuth is on for the instance. */
    Future<Boolean> enabled(SqlClient client, long instanceId) {
        return client.preparedQuery("SELECT enabled FROM oauth_connections WHERE instance_id = $1").execute(Tuple.of(instanceId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    /** Locks the instance's connection row (creating it) for the rest of the transaction; answers whether OAuth was on. */
    Future<Boolean> lock(SqlClient tx, long instanceId) {
        return tx.preparedQuery("INSERT INTO oauth_connections (instance_id) VALUES ($1) ON CONFLICT (instance_id) DO NOTHING")
                .execute(Tuple.of(instanceId))
                .compose(inserted -> tx.preparedQuery("SELECT enabled FROM oauth_connections WHERE instance_id = $1 FOR UPDATE")
                        .execute(Tuple.of(instanceId)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    Future<Void> connected(SqlClient tx, long instanceId, GrantConfirmation.JiraAccount account, String scopes, long byUser, OffsetDateTime now) {
        return tx.preparedQuery("""
                        UPDATE oauth_connections SET enabled = true, state = 'CONNECTED', jira_account_id = $2, jira_account_name = $3,
                               granted_scopes = $4, connected_at = $5, connected_by = $6, updated_at = $5
                         WHERE instance_id = $1""")
                .execute(Tuple.from(new Object[] {instanceId, account.accountId(), account.displayName(), scopes, now, byUser}))
                .mapEmpty();
    }

    Future<Void> disabled(SqlClient tx, long instanceId, OffsetDateTime now) {
        return tx.preparedQuery("""
                        UPDATE oauth_connections SET enabled = false, state = 'NOT_CONNECTED', jira_account_id = NULL, jira_account_name = NULL,
                               granted_scopes = NULL, connected_at = NULL, connected_by = NULL, updated_at = $2
                         WHERE instance_id = $1""")
                .execute(Tuple.of(instanceId, now)).mapEmpty();
    }

    /** The administrator's own connection stopped working: the instance shows it. */
    Future<Void> needsReauthentication(SqlClient tx, long instanceId, long userId) {
        return tx.preparedQuery("UPDATE oauth_connections SET state = 'NEEDS_REAUTHENTICATION' WHERE instance_id = $1 AND connected_by = $2")
                .execute(Tuple.of(instanceId, userId)).mapEmpty();
    }

    /** Users' connections, for the System page. */
    Future<JsonObject> counts(SqlClient client) {
        return client.query("""
                        SELECT count(*) FILTER (WHERE status = 'ACTIVE') AS connections,
                               count(*) FILTER (WHERE status = 'NEEDS_REAUTHENTICATION') AS needing_reauthentication
                          FROM oauth_tokens""").execute()
                .map(rows -> new JsonObject().put("connections", rows.iterator().next().getLong("connections"))
                        .put("connectionsNeedingReauthentication", rows.iterator().next().getLong("needing_reauthentication")));
    }
}
