package io.testbridge.oauth;

import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.crypto.SecretBox;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.identity.Identity;
import io.testbridge.jira.AccessToken;
import io.testbridge.jira.JiraAuthRequired;
import io.testbridge.jira.JiraSite;
import io.testbridge.observability.Metrics;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands out a usable access token for (user, instance), refreshing it when it expires within a
 * margin or after Jira answered 401. A token read once is kept in memory until it expires or a
 * change to it is announced ({@link KeptTokens}), so a warm call reads nothing from the database.
 * At most one refresh per token runs at a time: callers on this node share one in-flight refresh
 * (this runs on the oauth verticle's context only, so a plain map holds them), and across nodes
 * the refresh holds the token's row lock ({@code SELECT … FOR UPDATE}); a caller that gets the lock after someone else refreshed uses the new token without calling Jira.
 * The rotated refresh token is committed before the new access token is handed out.
 * {@code invalid_grant} marks the connection NEEDS_REAUTHENTICATION; network errors, 5xx and 429
 * keep the tokens, and an access token refreshed ahead of its expiry is used until it expires.
 * Data Center checks the {@code redirect_uri} of a refresh against the one used at consent, so each
 * token's own is sent (the callback URL changes with Testbridge's public URL).
 */
final class UserTokens implements JiraTokens {
    private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(15);

    /** The connection of the instance, with the user's token if they have one. */
    private static final String TOKEN_SELECT = """
            SELECT o.enabled, t.access_token, t.refresh_token, t.access_expires_at, t.status, t.version, t.cloud_id,
                   t.client_generation, t.last_used_at, c.generation AS current_generation
              FROM oauth_connections o
              LEFT JOIN oauth_tokens t ON t.instance_id = o.instance_id AND t.user_id = $2
              LEFT JOIN oauth_clients c ON c.instance_id = o.instance_id
             WHERE o.instance_id = $1""";
    /** The user's token, locked for a refresh. */
    private static final String TOKEN_FOR_REFRESH = """
            SELECT t.access_token, t.refresh_token, t.access_expires_at, t.status, t.version, t.cloud_id,
                   t.client_generation, t.last_used_at, t.redirect_uri, c.generation AS current_generation
              FROM oauth_tokens t LEFT JOIN oauth_clients c ON c.instance_id = t.instance_id
             WHERE t.instance_id = $1 AND t.user_id = $2
               FOR UPDATE OF t""";

    private final Pool pool;
    private final Clock clock;
    private final SecretBox secrets;
    private final OAuthClientStore store;
    private final ConnectionStore connections;
    private final OAuthClients clients;
    private final Identity identity;
    private final AuditLog audit;
    private final Supplier<String> callbackUrl;
    private final Metrics metrics;
    private final KeptTokens kept;
    private final Map<String, Future<KeptTokens.Kept>> inFlight = new HashMap<>();

    UserTokens(Pool pool, Clock clock, SecretBox secrets, OAuthClientStore store, ConnectionStore connections, OAuthClients clients,
               Identity identity, AuditLog audit, Supplier<String> callbackUrl, Metrics metrics, KeptTokens kept) {
        this.pool = pool;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.connections = connections;
        this.clients = clients;
        this.identity = identity;
        this.audit = audit;
        this.callbackUrl = callbackUrl;
        this.metrics = metrics;
        this.kept = kept;
    }

    /** The kept token while it is valid beyond the margin (no SQL at all), else the stored one, refreshed if it has to be. */
    @Override
    public Future<AccessToken> usable(long userId, JiraSite site) {
        return kept.get(site.instanceId(), userId, this::validBeyondMargin, () -> read(userId, site)).map(token -> {
            touch(site.instanceId(), userId, token);
            return token.token();
        });
    }

    private boolean validBeyondMargin(KeptTokens.Kept token) {
        return token.expiresAt().isAfter(now().plus(EXPIRY_MARGIN));
    }

    private Future<KeptTokens.Kept> read(long userId, JiraSite site) {
        return pool.preparedQuery(TOKEN_SELECT).execute(Tuple.of(site.instanceId(), userId)).compose(rows -> {
            if (rows.size() == 0 || !rows.iterator().next().getBoolean("enabled")) {
                return Future.failedFuture(new Failure(ErrorCode.CONFLICT,
                        "OAuth is not enabled for " + site.name() + "; an administrator has to connect it first.", "instanceId"));
            }
            Row row = rows.iterator().next();
            if (row.getString("access_token") == null) {
                return Future.failedFuture(new JiraAuthRequired(site.instanceId(), site.name(), "You have not connected your Jira account yet."));
            }
            Failure unusable = checkUsable(row, site);
            if (unusable != null) {
                return Future.failedFuture(unusable);
            }
            KeptTokens.Kept stored = token(row, site.instanceId(), userId);
            if (validBeyondMargin(stored)) {
                return Future.succeededFuture(stored);
            }
            // refreshed ahead of expiry; while the token endpoint is down, the token serves out its last seconds
            return refresh(userId, site, row.getLong("version")).recover(failure -> failure instanceof TokenEndpointUnavailable
                    && stored.expiresAt().isAfter(now()) ? Future.succeededFuture(stored) : Future.failedFuture(failure));
        });
    }

    @Override
    public Future<AccessToken> refreshAfterUnauthorized(long userId, JiraSite site, long staleVersion) {
        kept.forget(site.instanceId(), userId);
        return refresh(userId, site, staleVersion).map(KeptTokens.Kept::token);
    }

    private Future<KeptTokens.Kept> refresh(long userId, JiraSite site, long staleVersion) {
        String key = site.instanceId() + ":" + userId;
        Future<KeptTokens.Kept> existing = inFlight.get(key);
        if (existing != null) {
            return existing;
        }
        Future<KeptTokens.Kept> refreshing = refreshLocked(userId, site, staleVersion);
        inFlight.put(key, refreshing);
        return refreshing.andThen(done -> {
            inFlight.remove(key, refreshing);
            if (done.failed()) {
                kept.forget(site.instanceId(), userId);
            }
        });
    }

    /** The refresh, under the row lock; a failure of Jira's rolls back and leaves the tokens as they were. */
    private Future<KeptTokens.Kept> refreshLocked(long userId, JiraSite site, long staleVersion) {
        long started = System.nanoTime();
        // refreshes happen on the user's behalf: the history names them
        return identity.user(userId).map(user -> Actor.user(userId, user.username())).otherwise(Actor.user(userId, "user " + userId))
                .compose(actor -> pool.withTransaction(tx -> tx.preparedQuery(TOKEN_FOR_REFRESH).execute(Tuple.of(site.instanceId(), userId))
                                .compose(rows -> {
                                    if (rows.size() == 0) {
                                        return Future.succeededFuture(Outcome.failed(new JiraAuthRequired(site.instanceId(), site.name(),
                                                "You have not connected your Jira account yet.")));
                                    }
                                    Row row = rows.iterator().next();
                                    Failure unusable = checkUsable(row, site);
                                    if (unusable != null) {
                                        return Future.succeededFuture(Outcome.failed(unusable));
                                    }
                                    boolean refreshedMeanwhile = row.getLong("version") != staleVersion
                                            && row.getOffsetDateTime("access_expires_at").isAfter(now().plus(EXPIRY_MARGIN));
                                    if (refreshedMeanwhile) {
                                        return Future.succeededFuture(Outcome.ok(token(row, site.instanceId(), userId)));
                                    }
                                    return callTokenEndpoint(tx, row, actor, site);
                                }))
                        .compose(outcome -> {
                            Duration waited = Duration.ofNanos(System.nanoTime() - started);
                            metrics.refreshWait(waited);
                            LOG.debug("event=token_refresh instance_id={} user_id={} waited_ms={}", site.instanceId(), userId, waited.toMillis());
                            return outcome.failure() == null ? Future.succeededFuture(outcome.token()) : Future.failedFuture(outcome.failure());
                        })
                        .recover(failure -> failure instanceof Failure ? Future.failedFuture(failure) : transientFailure(actor, site, failure)));
    }

    /** Whether the result of the transaction is a token or a failure to report after committing. */
    private record Outcome(KeptTokens.Kept token, Throwable failure) {
        static Outcome ok(KeptTokens.Kept token) {
            return new Outcome(token, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }
    }

    private Future<Outcome> callTokenEndpoint(SqlConnection tx, Row row, Actor actor, JiraSite site) {
        long userId = actor.userId();
        String refreshToken = secrets.decrypt(row.getString("refresh_token"), OAuthClientStore.refreshContext(site.instanceId(), userId));
        if (refreshToken == null) {
            return needsReauthentication(tx, actor, site, "Jira issued no refresh token (was offline_access granted?)");
        }
        return store.registration(tx, site.instanceId()).compose(registration -> {
            if (registration.isEmpty()) {
                return Future.succeededFuture(Outcome.failed(new Failure(ErrorCode.CONFLICT, "OAuth is not configured for " + site.name() + ".")));
            }
            // tokens granted before V12 have no redirect_uri stored: today's callback URL is the best guess for them
            String consentRedirectUri = row.getString("redirect_uri") != null ? row.getString("redirect_uri") : callbackUrl.get();
            JiraOAuthClient client = clients.of(site.deployment(), site.baseUrl(), registration.get().clientId(),
                    registration.get().clientSecret(), consentRedirectUri);
            return client.refresh(refreshToken).compose(
                    tokens -> saveRefreshed(tx, actor, site, row, tokens),
                    failure -> failure instanceof TokenEndpointException token && token.isInvalidGrant()
                            ? needsReauthentication(tx, actor, site, "Jira refused the refresh token (" + token.getMessage() + ")")
                            : Future.failedFuture(failure));
        });
    }

    private Future<Outcome> saveRefreshed(SqlConnection tx, Actor actor, JiraSite site, Row row, TokenSet tokens) {
        long userId = actor.userId();
        long version = row.getLong("version") + 1;
        return tx.preparedQuery("""
                        UPDATE oauth_tokens SET access_token = $3, refresh_token = $4, access_expires_at = $5, scopes = COALESCE(NULLIF($6, ''), scopes),
                               version = $7, refreshed_at = $8, last_used_at = $8
                         WHERE instance_id = $1 AND user_id = $2""")
                .execute(Tuple.from(new Object[] {site.instanceId(), userId,
                        secrets.encrypt(tokens.accessToken(), OAuthClientStore.accessContext(site.instanceId(), userId)),
                        secrets.encrypt(tokens.refreshToken(), OAuthClientStore.refreshContext(site.instanceId(), userId)),
                        OffsetDateTime.ofInstant(tokens.accessExpiresAt(), ZoneOffset.UTC), tokens.scopes(), version, now()}))
                .compose(done -> audit.record(tx, site.instanceId(), site.name(), actor, AuditEventType.TOKEN_REFRESHED, true, null))
                .map(recorded -> {
                    metrics.tokenRefresh("ok");
                    return Outcome.ok(new KeptTokens.Kept(new AccessToken(tokens.accessToken(), version, row.getString("cloud_id")),
                            OffsetDateTime.ofInstant(tokens.accessExpiresAt(), ZoneOffset.UTC), now()));
                });
    }

    private Future<Outcome> needsReauthentication(SqlConnection tx, Actor actor, JiraSite site, String reason) {
        long userId = actor.userId();
        return tx.preparedQuery("UPDATE oauth_tokens SET status = 'NEEDS_REAUTHENTICATION' WHERE instance_id = $1 AND user_id = $2")
                .execute(Tuple.of(site.instanceId(), userId))
                .compose(done -> connections.needsReauthentication(tx, site.instanceId(), userId))
                .compose(done -> audit.record(tx, site.instanceId(), site.name(), actor, AuditEventType.TOKEN_REFRESH_FAILED, false, reason))
                .compose(done -> audit.record(tx, site.instanceId(), site.name(), actor, AuditEventType.NEEDS_REAUTHENTICATION, false, reason))
                .map(done -> {
                    LOG.info("event=needs_reauthentication instance_id={} user_id={}", site.instanceId(), userId);
                    metrics.tokenRefresh("invalid_grant");
                    return Outcome.failed(new JiraAuthRequired(site.instanceId(), site.name(), "Jira no longer accepts your connection."));
                });
    }

    /** Network trouble, 5xx, 429: the tokens stay as they were; say so, and let the caller retry later. */
    private Future<KeptTokens.Kept> transientFailure(Actor actor, JiraSite site, Throwable failure) {
        String reason = failure instanceof TokenEndpointException token ? token.getMessage() : String.valueOf(failure.getMessage());
        LOG.warn("event=token_refresh_failed instance_id={} user_id={} user={} reason={}", site.instanceId(), actor.userId(), actor.name(), reason);
        metrics.tokenRefresh("transient");
        return pool.withTransaction(tx -> audit.record(tx, site.instanceId(), site.name(), actor, AuditEventType.TOKEN_REFRESH_FAILED, false,
                        "transient: " + reason + "; tokens kept"))
                .otherwiseEmpty()
                .compose(x -> Future.failedFuture(new TokenEndpointUnavailable(reason)));
    }

    /** The refresh failed for a while only (no answer, 5xx, a proxy's page): the tokens are kept. */
    static final class TokenEndpointUnavailable extends Failure {
        TokenEndpointUnavailable(String reason) {
            super(ErrorCode.JIRA_UNAVAILABLE, reason + ". Your Jira connection is kept; try again in a minute.", null, Duration.ofSeconds(30));
        }
    }

    /** Null when the row is usable; else the failure to report. */
    private static Failure checkUsable(Row row, JiraSite site) {
        if ("NEEDS_REAUTHENTICATION".equals(row.getString("status"))) {
            return new JiraAuthRequired(site.instanceId(), site.name(), "Jira no longer accepts your connection.");
        }
        if (!java.util.Objects.equals(row.getInteger("client_generation"), row.getInteger("current_generation"))) {
            return new JiraAuthRequired(site.instanceId(), site.name(), "The administrator reconfigured the connection.");
        }
        return null;
    }

    private KeptTokens.Kept token(Row row, long instanceId, long userId) {
        return new KeptTokens.Kept(new AccessToken(secrets.decrypt(row.getString("access_token"), OAuthClientStore.accessContext(instanceId, userId)),
                row.getLong("version"), row.getString("cloud_id")), row.getOffsetDateTime("access_expires_at"), row.getOffsetDateTime("last_used_at"));
    }

    /** last_used_at (which the keep-alive reads) is written at most every {@link #TOUCH_INTERVAL}; it announces nothing. */
    private void touch(long instanceId, long userId, KeptTokens.Kept token) {
        OffsetDateTime now = now();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
            kept.used(instanceId, userId, token, now);
            pool.preparedQuery("UPDATE oauth_tokens SET last_used_at = $3 WHERE instance_id = $1 AND user_id = $2")
                    .execute(Tuple.of(instanceId, userId, now))
                    .onFailure(e -> LOG.warn("event=token_touch_failed reason={}", e.getMessage()));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
