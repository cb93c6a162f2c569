package io.testbridge.oauth;

import io.testbridge.shared.Actor;
import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.testbridge.jira.Deployment;
import io.testbridge.identity.Identity;
import io.testbridge.identity.User;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tester's own Jira connections ("Steps for End-User"): authenticate with the same link →
 * consent → verification code flow, see them, disconnect them; and the administrator's view of
 * every user's connection state for an instance (never a token).
 */
final class UserConnections {
    /** Atlassian ends a grant 365 days after consent, whatever its use. */
    static final Duration CLOUD_ABSOLUTE_EXPIRY = Duration.ofDays(365);
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final Pool pool;
    private final Clock clock;
    private final OAuthFlows flows;
    private final OAuthClientStore store;
    private final ConnectionStore connections;
    private final Integrations integrations;
    private final Identity identity;
    private final GrantConfirmation grants;
    private final AuditLog audit;
    private final KeptTokens kept;

    UserConnections(Pool pool, Clock clock, OAuthFlows flows, OAuthClientStore store, ConnectionStore connections, Integrations integrations,
                    Identity identity, GrantConfirmation grants, AuditLog audit, KeptTokens kept) {
        this.connections = connections;
        this.identity = identity;
        this.pool = pool;
        this.clock = clock;
        this.flows = flows;
        this.store = store;
        this.integrations = integrations;
        this.grants = grants;
        this.audit = audit;
        this.kept = kept;
    }

    public Future<StartedFlow> start(long instanceId, Actor actor) {
        return connectedInstance(instanceId).compose(instance -> store.registration(pool, instanceId).compose(registration -> registration.isEmpty()
                ? Future.failedFuture(new Failure(ErrorCode.CONFLICT, instance.name() + " is not connected to Jira yet."))
                : flows.start(instance, FlowPurpose.USER_AUTH, registration.get().clientId(), registration.get().clientSecret(),
                        registration.get().generation(), actor)));
    }

    public Future<JsonObject> verify(long instanceId, String verificationCode, Actor actor) {
        return connectedInstance(instanceId).compose(instance -> flows.redeem(instance, FlowPurpose.USER_AUTH, verificationCode, actor)
                .compose(redeemed -> grants.confirm(instance, redeemed.tokens().accessToken())
                        .recover(failure -> flows.fail(redeemed.flow(), instance, actor, failure.getMessage()).compose(x -> Future.failedFuture(failure)))
                        .compose(account -> pool.withTransaction(tx -> store.registration(tx, instanceId).compose(registration -> {
                                    if (registration.isEmpty() || registration.get().generation() != redeemed.flow().clientGeneration()) {
                                        return Future.failedFuture(new Failure(ErrorCode.CONFLICT,
                                                "The administrator reconfigured " + instance.name() + " meanwhile; authenticate again.", "verificationCode"));
                                    }
                                    return store.saveTokens(tx, instanceId, actor.userId(), registration.get().generation(), redeemed.tokens(),
                                                    redeemed.flow().redirectUri(), account, now())
                                            .compose(done -> flows.complete(tx, redeemed.flow()))
                                            .compose(done -> audit.record(tx, instanceId, instance.name(), actor, AuditEventType.VERIFICATION_SUCCEEDED, true,
                                                    "user authentication"))
                                            .compose(done -> audit.record(tx, instanceId, instance.name(), actor, AuditEventType.USER_AUTHENTICATED, true,
                                                    "as Jira user " + account.displayName()));
                                }))
                                        .eventually(() -> forgetKept(instanceId, actor.userId())))))
                .compose(done -> mine(actor.userId()))
                .map(all -> find(all, instanceId));
    }

    public Future<Void> disconnect(long instanceId, Actor actor) {
        return integrations.get(instanceId).compose(instance -> pool.withTransaction(tx -> tx.preparedQuery(
                                "DELETE FROM oauth_tokens WHERE instance_id = $1 AND user_id = $2 RETURNING jira_account_name")
                        .execute(Tuple.of(instanceId, actor.userId()))
                        .compose(rows -> rows.size() == 0
                                ? Future.failedFuture(Failure.notFound("You have no Jira connection to " + instance.name() + "."))
                                : audit.record(tx, instanceId, instance.name(), actor, AuditEventType.USER_DISCONNECTED, true,
                                        // no revocation endpoint exists: the user can also revoke the app in their Jira profile
                                        "was Jira user " + rows.iterator().next().getString("jira_account_name"))))
                .eventually(() -> forgetKept(instanceId, actor.userId()))
                .mapEmpty());
    }

    /** Once committed: this node's next call reads the change (the others hear of it from PostgreSQL). */
    private Future<Void> forgetKept(long instanceId, long userId) {
        kept.forget(instanceId, userId);
        return Future.succeededFuture();
    }

    /** Every OAuth-enabled instance, with the user's connection to it (or none). */
    public Future<JsonArray> mine(long userId) {
        return pool.preparedQuery("""
                        SELECT o.instance_id, t.status, t.jira_account_name, t.scopes, t.access_expires_at,
                               t.granted_at, t.refreshed_at, t.last_used_at, (t.client_generation IS DISTINCT FROM c.generation) AS stale
                          FROM oauth_connections o
                          LEFT JOIN oauth_clients c ON c.instance_id = o.instance_id
                          LEFT JOIN oauth_tokens t ON t.instance_id = o.instance_id AND t.user_id = $1
                         WHERE o.enabled""")
                .execute(Tuple.of(userId))
                .compose(rows -> {
                    Map<Long, Row> byInstance = new HashMap<>();
                    rows.forEach(row -> byInstance.put(row.getLong("instance_id"), row));
                    return integrations.getAll(new ArrayList<>(byInstance.keySet())).map(instances -> {
                        JsonArray items = new JsonArray();
                        for (JiraInstance instance : instances) { // by name, as the integrations module orders them
                            items.add(new JsonObject().put("instanceId", instance.id()).put("instanceName", instance.name())
                                    .put("baseUrl", instance.baseUrl()).put("deployment", instance.deployment().name())
                                    .mergeIn(state(byInstance.get(instance.id()), instance.deployment())));
                        }
                        return items;
                    });
                });
    }

    /** The administrator's view: every user who connected to this instance, and how it stands. */
    public Future<JsonArray> ofInstance(long instanceId) {
        return integrations.get(instanceId).compose(instance -> pool.preparedQuery("""
                        SELECT t.user_id, t.status, t.jira_account_name, t.scopes, t.access_expires_at,
                               t.granted_at, t.refreshed_at, t.last_used_at, (t.client_generation IS DISTINCT FROM c.generation) AS stale
                          FROM oauth_tokens t
                          LEFT JOIN oauth_clients c ON c.instance_id = t.instance_id
                         WHERE t.instance_id = $1""")
                .execute(Tuple.of(instanceId))
                .compose(rows -> {
                    Map<Long, Row> byUser = new HashMap<>();
                    rows.forEach(row -> byUser.put(row.getLong("user_id"), row));
                    return identity.usersById(new ArrayList<>(byUser.keySet())).map(users -> {
                        JsonArray items = new JsonArray();
                        users.stream().sorted(Comparator.comparing((User user) -> user.username().toLowerCase(Locale.ROOT))).forEach(user ->
                                items.add(new JsonObject().put("userId", user.id()).put("username", user.username())
                                        .put("displayName", user.displayName()).mergeIn(state(byUser.get(user.id()), instance.deployment()))));
                        return items;
                    });
                }));
    }

    private JsonObject state(Row row, Deployment deployment) {
        String status = row.getString("status");
        if (status == null) {
            return new JsonObject().put("status", "NOT_CONNECTED");
        }
        if (row.getBoolean("stale")) {
            status = "NEEDS_REAUTHENTICATION";
        }
        OffsetDateTime granted = row.getOffsetDateTime("granted_at");
        OffsetDateTime consentExpires = deployment == Deployment.CLOUD ? granted.plus(CLOUD_ABSOLUTE_EXPIRY) : null;
        return new JsonObject()
                .put("status", status.equals("ACTIVE") ? "CONNECTED" : status)
                .put("jiraAccount", row.getString("jira_account_name"))
                .put("scopes", row.getString("scopes"))
                .put("accessExpiresAt", instant(row.getOffsetDateTime("access_expires_at")))
                .put("grantedAt", instant(granted))
                .put("refreshedAt", instant(row.getOffsetDateTime("refreshed_at")))
                .put("lastUsedAt", instant(row.getOffsetDateTime("last_used_at")))
                .put("consentExpiresAt", instant(consentExpires))
                .put("consentExpiresSoon", consentExpires != null && consentExpires.isBefore(now().plus(EXPIRY_WARNING)));
    }

    private Future<JiraInstance> connectedInstance(long instanceId) {
        return integrations.get(instanceId).compose(instance -> connections.enabled(pool, instanceId).compose(enabled -> enabled
                ? Future.succeededFuture(instance)
                : Future.failedFuture(new Failure(ErrorCode.CONFLICT, "OAuth is not enabled for " + instance.name()
                        + "; an administrator has to connect it first.", "instanceId"))));
    }

    private static JsonObject find(JsonArray all, long instanceId) {
        for (int i = 0; i < all.size(); i++) {
            if (all.getJsonObject(i).getLong("instanceId") == instanceId) {
                return all.getJsonObject(i);
            }
        }
        throw Failure.notFound("No connection to instance " + instanceId + ".");
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
