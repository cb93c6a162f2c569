package io.testbridge.identity;

import io.testbridge.config.AppConfig;
import io.testbridge.identity.Role;
import io.testbridge.db.ListenedCache;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Sessions kept in PostgreSQL, so they survive restarts and are shared by every node, with a short
 * per-node cache of looked-up sessions. Runs on the identity verticle's context only, so the cache
 * is a plain map.
 */
final class SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    /** last_seen_at is written at most this often per session, to keep reads cheap. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /**
     * How long a looked-up session is reused without asking PostgreSQL. Logout, disabling a user, a
     * new password and changed roles evict it on every node at once ({@link SessionEvictions}); the
     * time only bounds what a missed eviction could cost.
     */
    static final Duration CACHE_TIME = Duration.ofSeconds(2);
    private static final int CACHE_LIMIT = 10_000;
    private static final long EVERYONE = -1;
    // What an eviction names: a user's sessions (and API tokens), or one session by its hash.
    static final String USER = "user:";
    private static final String SESSION = "session:";

    /** A live session of an enabled user, with the user and the rights of all their roles: one round trip. */
    private static final String LOOK_UP = UserService.USER_SELECT + """
            , s.last_seen_at,
                   ARRAY(SELECT DISTINCT unnest(held.rights) FROM user_roles holds JOIN roles held ON held.id = holds.role_id
                          WHERE holds.user_id = u.id) AS rights
              FROM sessions s JOIN users u ON u.id = s.user_id
            """ + UserService.ROLE_JOINS + """
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT u.disabled
             GROUP BY s.token_hash, u.id""";

    private record Cached(Principal principal, java.time.Instant until) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final ListenedCache<String, Cached> cache;
    private final SessionEvictions evictions;

    /** Create on the identity verticle's context, where the evictions arrive. */
    SessionStore(SessionEvictions evictions, Pool pool, Clock clock, AppConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.idleTimeout = config.sessionIdleTimeout();
        this.absoluteTimeout = config.sessionAbsoluteTimeout();
        this.evictions = evictions;
        this.cache = new ListenedCache<>(evictions::listening, CACHE_LIMIT);
        evictions.subscribe(this::evict, () -> forget(EVERYONE));
    }

    /**
     * A user's sessions or rights changed (or, for -1, anyone's: a role changed): every node drops
     * what it cached of them. Completes once this node has and the others have been told; it never
     * fails, since the change itself is committed and caches also expire.
     */
    Future<Void> forgetUser(long userId) {
        forget(userId);
        return evictions.announce(USER + userId);
    }

    /**
     * An eviction announced by a node (this one included): {@code user:<id>} (-1: everyone) or
     * {@code session:<hash>}; an API token's ({@code api-token:<id>}) is not about sessions.
     */
    private void evict(String eviction) {
        if (eviction.startsWith(ApiTokenStore.EVICTION)) {
            return;
        }
        if (eviction.startsWith(SESSION)) {
            cache.forget(eviction.substring(SESSION.length()));
        } else if (eviction.startsWith(USER) && eviction.substring(USER.length()).matches("-?\\d{1,19}")) {
            forget(Long.parseLong(eviction.substring(USER.length())));
        } else {
            forget(EVERYONE);
        }
    }

    /** Drops cached sessions of a user (or of everyone, for -1). */
    private void forget(long userId) {
        cache.forgetIf((session, entry) -> userId < 0 || entry.principal().userId() == userId);
    }

    private static String key(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
    }

    Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    Future<SessionToken> create(long userId, String clientAddress, String userAgent) {
        SessionToken token = SessionToken.generate();
        OffsetDateTime now = now();
        return pool.preparedQuery("""
                        INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, client_address, user_agent)
                        VALUES ($1, $2, $3, $3, $4, $5, $6)""")
                .execute(Tuple.of(Buffer.buffer(token.hash()), userId, now, now.plus(absoluteTimeout),
                        clientAddress, truncate(userAgent, 300)))
                .map(token);
    }

    /** The principal of a live session of an enabled user, or empty. */
    Future<Optional<Principal>> resolve(SessionToken token) {
        return cache.get(key(token.hash()), kept -> kept.until().isAfter(clock.instant()),
                        () -> lookUp(token).map(found -> found.map(principal -> new Cached(principal, clock.instant().plus(CACHE_TIME))).orElse(null)))
                .map(kept -> Optional.ofNullable(kept).map(Cached::principal));
    }

    private Future<Optional<Principal>> lookUp(SessionToken token) {
        OffsetDateTime now = now();
        return pool.preparedQuery(LOOK_UP)
                .execute(Tuple.of(Buffer.buffer(token.hash()), now, now.minus(idleTimeout)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    if (row.getOffsetDateTime("last_seen_at").isBefore(now.minus(TOUCH_INTERVAL))) {
                        touch(token, now);
                    }
                    return Optional.of(Principal.ofSession(User.from(row), token.hash(), token.csrfToken(), Role.rightsOf(row.getArrayOfStrings("rights"))));
                });
    }

    private void touch(SessionToken token, OffsetDateTime now) {
        pool.preparedQuery("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(token.hash()), now))
                .onFailure(e -> LOG.warn("event=session_touch_failed reason={}", e.getMessage()));
    }

    /** Ends a session, on every node: the answer comes once the others have been told. */
    Future<Void> delete(byte[] tokenHash) {
        cache.forget(key(tokenHash));
        return pool.preparedQuery("DELETE FROM sessions WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .compose(deleted -> evictions.announce(SESSION + key(tokenHash)));
    }

    Future<Void> deleteAllOf(long userId) {
        forget(userId);
        return pool.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(userId))
                .compose(deleted -> evictions.announce(USER + userId));
    }

    /** Removes sessions past either timeout; run periodically. */
    Future<Integer> purgeExpired() {
        OffsetDateTime now = now();
        return pool.preparedQuery("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .execute(Tuple.of(now, now.minus(idleTimeout)))
                .map(rows -> rows.rowCount());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
