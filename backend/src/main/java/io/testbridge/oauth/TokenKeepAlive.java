package io.testbridge.oauth;

import io.testbridge.identity.Identity;
import io.testbridge.identity.User;
import io.testbridge.integrations.Integrations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps connections that are in use alive: Atlassian drops a refresh token after 90 days without
 * a refresh, so tokens not refreshed for {@value #IDLE_DAYS} days, but used within the last year,
 * are refreshed ahead of that. (The 365-day absolute expiry cannot be helped; the user is warned.)
 */
final class TokenKeepAlive {
    private static final Logger LOG = LoggerFactory.getLogger(TokenKeepAlive.class);
    static final int IDLE_DAYS = 60;

    private final Pool pool;
    private final Clock clock;
    private final UserTokens tokens;
    private final Integrations integrations;
    private final Identity identity;
    private final DisabledUsers disabledUsers;

    TokenKeepAlive(Pool pool, Clock clock, UserTokens tokens, Integrations integrations, Identity identity, DisabledUsers disabledUsers) {
        this.identity = identity;
        this.disabledUsers = disabledUsers;
        this.pool = pool;
        this.clock = clock;
        this.tokens = tokens;
        this.integrations = integrations;
    }

    /** Refreshes every connection due; returns how many were refreshed. One failure does not stop the others. */
    Future<Integer> runOnce() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return pool.preparedQuery("""
                        SELECT t.instance_id, t.user_id, t.version FROM oauth_tokens t JOIN oauth_connections o ON o.instance_id = t.instance_id
                         WHERE t.status = 'ACTIVE' AND o.enabled AND t.refresh_token IS NOT NULL
                           AND COALESCE(t.refreshed_at, t.granted_at) < $1
                           AND COALESCE(t.last_used_at, t.granted_at) > $2""")
                .execute(Tuple.of(now.minus(Duration.ofDays(IDLE_DAYS)), now.minus(Duration.ofDays(365))))
                .compose(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return due.isEmpty() ? Future.succeededFuture(0) : skipDisabledUsers(due).compose(this::refreshAll);
                });
    }

    /** A connection due for a keep-alive refresh, with its user's login for the log. */
    private record Due(long instanceId, long userId, long version, String username) {
    }

    /** A disabled user's grant is never kept alive: their tokens go (the announcement of the disabling may have been missed). */
    private Future<List<Due>> skipDisabledUsers(List<Row> due) {
        List<Long> userIds = due.stream().map(row -> row.getLong("user_id")).distinct().toList();
        return identity.usersById(userIds).compose(users -> {
            Set<Long> disabled = users.stream().filter(User::disabled).map(User::id).collect(Collectors.toSet());
            Map<Long, String> names = users.stream().collect(Collectors.toMap(User::id, User::username));
            List<Future<Integer>> forgotten = disabled.stream().map(disabledUsers::forget).toList();
            return Future.join(forgotten).map(done -> due.stream().filter(row -> !disabled.contains(row.getLong("user_id")))
                    .map(row -> new Due(row.getLong("instance_id"), row.getLong("user_id"), row.getLong("version"),
                            names.getOrDefault(row.getLong("user_id"), "(deleted user)")))
                    .toList());
        });
    }

    private Future<Integer> refreshAll(List<Due> connections) {
        List<Future<Boolean>> refreshes = new ArrayList<>();
        for (Due due : connections) {
            refreshes.add(integrations.get(due.instanceId())
                    .compose(instance -> tokens.refreshAfterUnauthorized(due.userId(), instance.site(), due.version()))
                    .map(true)
                    .otherwise(failure -> {
                        LOG.warn("event=keepalive_refresh_failed instance_id={} user_id={} user={} reason={}", due.instanceId(),
                                due.userId(), due.username(), failure.getMessage());
                        return false;
                    }));
        }
        return Future.join(refreshes).map(done -> (int) refreshes.stream().filter(Future::result).count());
    }
}
