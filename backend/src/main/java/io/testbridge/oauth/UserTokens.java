package io.testbridge.oauth;

import io.testbridge.audit.Actor;
import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.crypto.SecretBox;
import io.testbridge.http.ApiException;
import io.testbridge.http.ErrorCode;
import io.testbridge.integrations.JiraInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Hands out a usable access token for (user, instance), refreshing it when it expires within a
 * margin or after Jira answered 401. At most one refresh per token runs at a time: callers in this
 * process share one in-flight refresh, and across nodes the refresh holds the token's row lock
 * ({@code SELECT … FOR UPDATE}); a caller that gets the lock after someone else refreshed uses the
 * new token without calling Jira. The rotated refresh token is committed before the new access
 * token is handed out. {@code invalid_grant} marks the connection NEEDS_REAUTHENTICATION; network
 * errors, 5xx and 429 keep the tokens.
 */
public final class UserTokens {
    private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(15);

    private final Pool pool;
    private final Clock clock;
    private final SecretBox secrets;
    private final OAuthClientStore store;
    private final OAuthClients clients;
    private final AuditLog audit;
    private final Supplier<String> redirectUri;
    private final io.testbridge.observability.Metrics metrics;
    private final Map<String, Future<Usable>> inFlight = new ConcurrentHashMap<>();

    public UserTokens(Pool pool, Clock clock, SecretBox secrets, OAuthClientStore store, OAuthClients clients, AuditLog audit,
                      Supplier<String> redirectUri, io.testbridge.observability.Metrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.clients = clients;
        this.audit = audit;
        this.redirectUri = redirectUri;
    }

    /** A token to call Jira with, and the row version it came from (to ask for a refresh after a 401). */
    public record Usable(String accessToken, long version, String cloudId) {
        @Override
        public String toString() {
            return "Usable[version " + version + "]";
        }
    }

    public Future<Usable> usable(long userId, JiraInstance instance) {
        if (!instance.oauthEnabled()) {
            return Future.failedFuture(new ApiException(ErrorCode.CONFLICT,
                    "OAuth is not enabled for " + instance.name() + "; an administrator has to connect it first.", "instanceId"));
        }
        return pool.preparedQuery(TOKEN_SELECT).execute(Tuple.of(instance.id(), userId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new JiraAuthRequired(instance.id(), instance.name(), "You have not connected your Jira account yet."));
            }
            Row row = rows.iterator().next();
            Future<Usable> checked = checkUsable(row, instance, userId);
            if (checked != null) {
                return checked;
            }
            OffsetDateTime expiresAt = row.getOffsetDateTime("access_expires_at");
            if (expiresAt.isAfter(now().plus(EXPIRY_MARGIN))) {
                touch(instance.id(), userId, row.getOffsetDateTime("last_used_at"));
                return Future.succeededFuture(usable(row, instance.id(), userId));
            }
            return refresh(userId, instance, row.getLong("version"));
        });
    }

    /** Jira said 401 to a token of this version: refresh it (once across all callers) and hand out the new one. */
    public Future<Usable> refreshAfterUnauthorized(long userId, JiraInstance instance, long staleVersion) {
        return refresh(userId, instance, staleVersion);
    }

    private Future<Usable> refresh(long userId, JiraInstance instance, long staleVersion) {
        String key = instance.id() + ":" + userId;
        Future<Usable> existing = inFlight.get(key);
        if (existing != null) {
            return existing;
        }
        Future<Usable> refreshing = refreshLocked(userId, instance, staleVersion);
        Future<Usable> raced = inFlight.putIfAbsent(key, refreshing);
        if (raced != null) {
            return raced;
        }
        return refreshing.andThen(done -> inFlight.remove(key, refreshing));
    }

    private static final String TOKEN_SELECT = """
            SELECT t.access_token, t.refresh_token, t.access_expires_at, t.status, t.version, t.cloud_id, t.client_generation,
                   t.last_used_at, c.generation AS current_generation, u.username
              FROM oauth_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN oauth_clients c ON c.instance_id = t.instance_id
             WHERE t.instance_id = $1 AND t.user_id = $2""";

    /** The refresh, under the row lock; a failure of Jira's rolls back and leaves the tokens as they were. */
    private Future<Usable> refreshLocked(long userId, JiraInstance instance, long staleVersion) {
        long started = System.nanoTime();
        return pool.withTransaction(tx -> tx.preparedQuery(TOKEN_SELECT + " FOR UPDATE OF t").execute(Tuple.of(instance.id(), userId))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.succeededFuture(Outcome.failed(new JiraAuthRequired(instance.id(), instance.name(),
                                        "You have not connected your Jira account yet.")));
                            }
                            Row row = rows.iterator().next();
                            Future<Usable> unusable = checkUsable(row, instance, userId);
                            if (unusable != null) {
                                return unusable.map(Outcome::ok).otherwise(Outcome::failed);
                            }
                            boolean refreshedMeanwhile = row.getLong("version") != staleVersion
                                    && row.getOffsetDateTime("access_expires_at").isAfter(now().plus(EXPIRY_MARGIN));
                            if (refreshedMeanwhile) {
                                return Future.succeededFuture(Outcome.ok(usable(row, instance.id(), userId)));
                            }
                            return callTokenEndpoint(tx, row, userId, instance);
                        }))
                .compose(outcome -> {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started);
                    metrics.refreshWait(waited);
                    LOG.debug("event=token_refresh instance_id={} user_id={} waited_ms={}", instance.id(), userId, waited.toMillis());
                    return outcome.failure() == null ? Future.succeededFuture(outcome.usable()) : Future.failedFuture(outcome.failure());
                })
                .recover(failure -> failure instanceof ApiException ? Future.failedFuture(failure) : transientFailure(userId, instance, failure));
    }

    /** Whether the result of the transaction is a token or a failure to report after committing. */
    private record Outcome(Usable usable, Throwable failure) {
        static Outcome ok(Usable usable) {
            return new Outcome(usable, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }
    }

    private Future<Outcome> callTokenEndpoint(SqlConnection tx, Row row, long userId, JiraInstance instance) {
        String refreshToken = secrets.decrypt(row.getString("refresh_token"), OAuthClientStore.refreshContext(instance.id(), userId));
        if (refreshToken == null) {
            return needsReauthentication(tx, row, userId, instance, "Jira issued no refresh token (was offline_access granted?)");
        }
        return store.registration(tx, instance.id()).compose(registration -> {
            if (registration.isEmpty()) {
                return Future.succeededFuture(Outcome.failed(new ApiException(ErrorCode.CONFLICT, "OAuth is not configured for " + instance.name() + ".")));
            }
            JiraOAuthClient client = clients.of(instance, registration.get().clientId(), registration.get().clientSecret(), redirectUri.get());
            return client.refresh(refreshToken).compose(
                    tokens -> saveRefreshed(tx, userId, instance, row, tokens),
                    failure -> failure instanceof TokenEndpointException token && token.isInvalidGrant()
                            ? needsReauthentication(tx, row, userId, instance, "Jira refused the refresh token (" + token.getMessage() + ")")
                            : Future.failedFuture(failure));
        });
    }

    private Future<Outcome> saveRefreshed(SqlConnection tx, long userId, JiraInstance instance, Row row, TokenSet tokens) {
        long version = row.getLong("version") + 1;
        return tx.preparedQuery("""
                        UPDATE oauth_tokens SET access_token = $3, refresh_token = $4, access_expires_at = $5, scopes = COALESCE(NULLIF($6, ''), scopes),
                               version = $7, refreshed_at = $8, last_used_at = $8
                         WHERE instance_id = $1 AND user_id = $2""")
                .execute(Tuple.from(new Object[] {instance.id(), userId,
                        secrets.encrypt(tokens.accessToken(), OAuthClientStore.accessContext(instance.id(), userId)),
                        secrets.encrypt(tokens.refreshToken(), OAuthClientStore.refreshContext(instance.id(), userId)),
                        OffsetDateTime.ofInstant(tokens.accessExpiresAt(), ZoneOffset.UTC), tokens.scopes(), version, now()}))
                .compose(done -> audit.record(tx, instance.id(), instance.name(), actorOf(row, userId), AuditEventType.TOKEN_REFRESHED, true, null))
                .map(recorded -> {
                    metrics.tokenRefresh("ok");
                    return Outcome.ok(new Usable(tokens.accessToken(), version, row.getString("cloud_id")));
                });
    }

    private Future<Outcome> needsReauthentication(SqlConnection tx, Row row, long userId, JiraInstance instance, String reason) {
        return tx.preparedQuery("UPDATE oauth_tokens SET status = 'NEEDS_REAUTHENTICATION' WHERE instance_id = $1 AND user_id = $2")
                .execute(Tuple.of(instance.id(), userId))
                .compose(done -> tx.preparedQuery("""
                                UPDATE jira_instances SET connection_state = 'NEEDS_REAUTHENTICATION'
                                 WHERE id = $1 AND connected_by = $2""").execute(Tuple.of(instance.id(), userId)))
                .compose(done -> audit.record(tx, instance.id(), instance.name(), actorOf(row, userId), AuditEventType.TOKEN_REFRESH_FAILED, false, reason))
                .compose(done -> audit.record(tx, instance.id(), instance.name(), actorOf(row, userId), AuditEventType.NEEDS_REAUTHENTICATION, false, reason))
                .map(done -> {
                    LOG.info("event=needs_reauthentication instance_id={} user_id={}", instance.id(), userId);
                    metrics.tokenRefresh("invalid_grant");
                    return Outcome.failed(new JiraAuthRequired(instance.id(), instance.name(), "Jira no longer accepts your connection."));
                });
    }

    /** Network trouble, 5xx, 429: the tokens stay as they were; say so, and let the caller retry later. */
    private Future<Usable> transientFailure(long userId, JiraInstance instance, Throwable failure) {
        String reason = failure instanceof TokenEndpointException token ? token.getMessage() : String.valueOf(failure.getMessage());
        LOG.warn("event=token_refresh_failed instance_id={} user_id={} reason={}", instance.id(), userId, reason);
        metrics.tokenRefresh("transient");
        return pool.withTransaction(tx -> audit.record(tx, instance.id(), instance.name(), userActor(userId), AuditEventType.TOKEN_REFRESH_FAILED, false,
                        "transient: " + reason + "; tokens kept"))
                .onSuccess(audit::announce)
                .otherwiseEmpty()
                .compose(x -> Future.failedFuture(new ApiException(ErrorCode.JIRA_UNAVAILABLE,
                        "Jira's token endpoint is not answering properly right now (" + reason + "); try again in a minute.", null, Duration.ofSeconds(30))));
    }

    /** Null when the row is usable; else the failure to report. */
    private Future<Usable> checkUsable(Row row, JiraInstance instance, long userId) {
        if ("NEEDS_REAUTHENTICATION".equals(row.getString("status"))) {
            return Future.failedFuture(new JiraAuthRequired(instance.id(), instance.name(), "Jira no longer accepts your connection."));
        }
        if (!java.util.Objects.equals(row.getInteger("client_generation"), row.getInteger("current_generation"))) {
            return Future.failedFuture(new JiraAuthRequired(instance.id(), instance.name(), "The administrator reconfigured the connection."));
        }
        return null;
    }

    private Usable usable(Row row, long instanceId, long userId) {
        return new Usable(secrets.decrypt(row.getString("access_token"), OAuthClientStore.accessContext(instanceId, userId)),
                row.getLong("version"), row.getString("cloud_id"));
    }

    private void touch(long instanceId, long userId, OffsetDateTime lastUsed) {
        if (lastUsed == null || lastUsed.isBefore(now().minus(TOUCH_INTERVAL))) {
            pool.preparedQuery("UPDATE oauth_tokens SET last_used_at = $3 WHERE instance_id = $1 AND user_id = $2")
                    .execute(Tuple.of(instanceId, userId, now()))
                    .onFailure(e -> LOG.warn("event=token_touch_failed reason={}", e.getMessage()));
        }
    }

    private static Actor userActor(long userId) {
        return new Actor(userId, "user " + userId, null, null);
    }

    /** Refreshes happen on the user's behalf; the history names them. */
    private static Actor actorOf(Row row, long userId) {
        return new Actor(userId, row.getString("username"), null, null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

}
