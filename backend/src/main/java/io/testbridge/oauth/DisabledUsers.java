package io.testbridge.oauth;

import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A disabled user keeps no Jira token: nobody may act in Jira as them, and nothing refreshes their
 * grants. Their tokens are deleted when identity announces the disabling, and by the keep-alive for
 * any announcement missed (the event is not durable). Users can also revoke the app in Jira.
 */
final class DisabledUsers {
    private static final Logger LOG = LoggerFactory.getLogger(DisabledUsers.class);

    private final Pool pool;
    private final Integrations integrations;
    private final AuditLog audit;
    private final KeptTokens kept;

    DisabledUsers(Pool pool, Integrations integrations, AuditLog audit, KeptTokens kept) {
        this.pool = pool;
        this.integrations = integrations;
        this.audit = audit;
        this.kept = kept;
    }

    /** Deletes every Jira token of the user, each with a history row in the same transaction; returns how many. */
    Future<Integer> forget(long userId) {
        // the instances' names are asked for before the transaction: no door call inside one
        return pool.preparedQuery("SELECT instance_id FROM oauth_tokens WHERE user_id = $1").execute(Tuple.of(userId))
                .compose(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids.isEmpty() ? Future.succeededFuture(0) : integrations.getAll(ids).compose(instances -> deleteTokens(userId, instances));
                })
                .andThen(deleted -> kept.forgetUser(userId))
                .onSuccess(count -> {
                    if (count > 0) {
                        LOG.info("event=disabled_user_tokens_deleted user_id={} count={}", userId, count);
                    }
                });
    }

    private Future<Integer> deleteTokens(long userId, List<JiraInstance> instances) {
        Map<Long, JiraInstance> byId = new HashMap<>();
        instances.forEach(instance -> byId.put(instance.id(), instance));
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM oauth_tokens WHERE user_id = $1 RETURNING instance_id, jira_account_name")
                .execute(Tuple.of(userId))
                .compose(rows -> {
                    Future<Long> chain = Future.succeededFuture();
                    for (Row row : rows) {
                        chain = chain.compose(previous -> record(tx, byId.get(row.getLong("instance_id")), row.getLong("instance_id"),
                                userId, row.getString("jira_account_name")));
                    }
                    return chain.map(rows.rowCount());
                }));
    }

    private Future<Long> record(SqlClient tx, JiraInstance instance, long instanceId, long userId, String jiraAccount) {
        String name = instance == null ? "instance " + instanceId : instance.name();
        return audit.record(tx, instanceId, name, Actor.SYSTEM, AuditEventType.USER_DISCONNECTED, true,
                "Testbridge user " + userId + " was disabled; was Jira user " + jiraAccount);
    }
}
