package io.testbridge.identity;

import io.testbridge.db.ListenedCache;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Personal API tokens in PostgreSQL (table api_tokens, only hashes), with a short per-node cache of
 * looked-up tokens kept true like the session cache: a revoke, a disabled owner or changed roles
 * evict it on every node at once ({@link SessionEvictions}). Also the tokens' rate limit
 * ({@link TokenBuckets}) and when each was last used, written at most once a minute per token. Runs on
 * the identity verticle's context only.
 */
final class ApiTokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenStore.class);
    /** What an eviction of one token names: {@code api-token:<id>}. */
    static final String EVICTION = "api-token:";
    static final Duration LONGEST_LIFETIME = Duration.ofDays(365);
    /** A browser's clock may run a little ahead of the server's: "365 days" from there is still allowed. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration SHORTEST_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Duration CACHE_TIME = SessionStore.CACHE_TIME;
    /** Ended tokens stay listed (and are refused as revoked or expired, not unknown) this long. */
    private static final Duration KEEP_ENDED = Duration.ofDays(90);
    static final int MOST_ACTIVE_PER_USER = 50;
    private static final int CACHE_LIMIT = 10_000;

    /** A token and its owner, with the owner's rights now: one round trip. */
    private static final String LOOK_UP = UserService.USER_SELECT + """
            , t.id AS token_id, t.secret_hash, t.scopes, t.expires_at, t.last_used_at, t.revoked_at,
                   ARRAY(SELECT DISTINCT unnest(held.rights) FROM user_roles holds JOIN roles held ON held.id = holds.role_id
                          WHERE holds.user_id = u.id) AS rights
              FROM api_tokens t JOIN users u ON u.id = t.user_id
            """ + UserService.ROLE_JOINS + """
             WHERE t.public_id = $1
             GROUP BY t.id, u.id""";

    private static final String LIST = "SELECT " + ApiToken.COLUMNS + " FROM api_tokens t JOIN users u ON u.id = t.user_id";

    /** A looked-up token as it is, valid or not (a revoked token never comes back; expiry is checked at each use). */
    private record Kept(long tokenId, long userId, byte[] secretHash, Instant expiresAt, boolean revoked, boolean ownerDisabled,
                        Principal principal, Instant lastUsedAt, Instant until) {
        Kept usedAt(Instant when) {
            return new Kept(tokenId, userId, secretHash, expiresAt, revoked, ownerDisabled, principal, when, until);
        }
    }

    private final Pool pool;
    private final Clock clock;
    private final SessionEvictions evictions;
    private final ListenedCache<String, Kept> cache;
    private final TokenBuckets buckets;

    /** Create on the identity verticle's context, where the evictions arrive. */
    ApiTokenStore(SessionEvictions evictions, Pool pool, Clock clock, int requestsPerMinute) {
        this.pool = pool;
        this.clock = clock;
        this.evictions = evictions;
        this.cache = new ListenedCache<>(evictions::listening, CACHE_LIMIT);
        this.buckets = new TokenBuckets(requestsPerMinute, System::nanoTime);
        evictions.subscribe(this::evict, cache::forgetAll);
    }

    /** {@code api-token:<id>}, {@code user:<id>} (-1: everyone); a session's eviction is not about tokens. */
    private void evict(String eviction) {
        if (eviction.startsWith(EVICTION) && eviction.substring(EVICTION.length()).matches("\\d{1,19}")) {
            long tokenId = Long.parseLong(eviction.substring(EVICTION.length()));
            cache.forgetIf((publicId, kept) -> kept.tokenId() == tokenId);
        } else if (eviction.startsWith(SessionStore.USER) && eviction.substring(SessionStore.USER.length()).matches("\\d{1,19}")) {
            long userId = Long.parseLong(eviction.substring(SessionStore.USER.length()));
            cache.forgetIf((publicId, kept) -> kept.userId() == userId);
        } else if (!eviction.startsWith("session:")) {
            cache.forgetAll();
        }
    }

    Future<CreatedApiToken> create(long userId, NewApiToken wanted) {
        Instant now = clock.instant();
        String name = wanted.name() == null ? "" : wanted.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            return Future.failedFuture(Failure.invalid("name", "Name the token (1 to 100 characters), e.g. after the pipeline that uses it."));
        }
        if (wanted.scopes().isEmpty()) {
            return Future.failedFuture(Failure.invalid("scopes", "Choose at least one scope: read or results:write."));
        }
        if (wanted.expiresAt() == null || wanted.expiresAt().isBefore(now.plus(SHORTEST_LIFETIME))) {
            return Future.failedFuture(Failure.invalid("expiresAt", "expiresAt must be in the future (at least 5 minutes from now)."));
        }
        if (wanted.expiresAt().isAfter(now.plus(LONGEST_LIFETIME).plus(CLOCK_SKEW))) {
            return Future.failedFuture(Failure.invalid("expiresAt", "A token lives at most a year: choose an expiry within 365 days."));
        }
        // the count and the insert share one transaction holding the user's row: two creates queue, and the second counts the first
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM users WHERE id = $1 FOR UPDATE").execute(Tuple.of(userId))
                        .compose(locked -> tx.preparedQuery(
                                        "SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2")
                                .execute(Tuple.of(userId, utc(now))))
                        .compose(rows -> rows.iterator().next().getLong(0) >= MOST_ACTIVE_PER_USER
                                ? Future.failedFuture(Failure.conflict(null, "You have " + MOST_ACTIVE_PER_USER
                                        + " active API tokens, the most one person may hold; revoke some you no longer use first."))
                                : insert(tx, userId, name, wanted, now, 2)))
                .onSuccess(created -> LOG.info("event=api_token_created user_id={} token_id={} prefix={} scopes={} expires_at={}",
                        userId, created.token().id(), created.token().prefix(), String.join(",", wireNames(created.token().scopes())),
                        created.token().expiresAt()));
    }

    /**
     * A new random public id might (very rarely) be taken: one more try then. The conflict is skipped
     * rather than raised, so the transaction stays usable for the retry.
     */
    private Future<CreatedApiToken> insert(SqlClient tx, long userId, String name, NewApiToken wanted, Instant now, int attempts) {
        ApiTokenSecret secret = ApiTokenSecret.generate();
        return tx.preparedQuery("""
                        WITH t AS (INSERT INTO api_tokens (public_id, secret_hash, user_id, name, scopes, created_at, expires_at)
                                   VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (public_id) DO NOTHING RETURNING *)
                        SELECT\s""" + ApiToken.COLUMNS + " FROM t JOIN users u ON u.id = t.user_id")
                .execute(Tuple.tuple().addString(secret.publicId()).addBuffer(Buffer.buffer(secret.hash())).addLong(userId)
                        .addString(name).addArrayOfString(wireNames(wanted.scopes())).addOffsetDateTime(utc(now))
                        .addOffsetDateTime(utc(wanted.expiresAt())))
                .compose(rows -> {
                    if (rows.size() > 0) {
                        return Future.succeededFuture(new CreatedApiToken(ApiToken.from(rows.iterator().next()), secret.value()));
                    }
                    return attempts > 1 ? insert(tx, userId, name, wanted, now, attempts - 1)
                            : Future.failedFuture(new IllegalStateException("Two new API token ids in a row were taken."));
                });
    }

    Future<List<ApiToken>> listOf(long userId) {
        return pool.preparedQuery(LIST + " WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC").execute(Tuple.of(userId))
                .map(ApiTokenStore::tokens);
    }

    Future<List<ApiToken>> listAll() {
        return pool.query(LIST + " ORDER BY t.created_at DESC, t.id DESC").execute().map(ApiTokenStore::tokens);
    }

    /** Revokes a token of this user; another's is "not found", so ids reveal nothing. Revoking twice is fine. */
    Future<Void> revokeOwn(long userId, long tokenId) {
        return revoke(tokenId, userId, "WHERE id = $1 AND user_id = $2");
    }

    /** An administrator revokes anyone's token. */
    Future<Void> revokeAny(long tokenId, long byUserId) {
        return revoke(tokenId, byUserId, "WHERE id = $1");
    }

    private Future<Void> revoke(long tokenId, long byUserId, String which) {
        return pool.preparedQuery("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, $2) "
                        + which + " RETURNING id")
                .execute(Tuple.of(tokenId, byUserId, utc(clock.instant())))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.notFound("There is no API token " + tokenId + " of yours."));
                    }
                    LOG.info("event=api_token_revoked token_id={} by_user_id={}", tokenId, byUserId);
                    return evictions.announce(EVICTION + tokenId);
                });
    }

    /**
     * The principal of a live token whose owner is enabled: the owner's rights now, narrowed to the
     * token's scopes. Otherwise a 401 naming why, or a 429 when the token used up its rate limit.
     */
    Future<Principal> resolve(ApiTokenSecret presented) {
        Instant now = clock.instant();
        return cache.get(presented.publicId(), kept -> kept.until().isAfter(now), () -> lookUp(presented.publicId(), now))
                .compose(kept -> {
                    // compared in constant time, cached or not: knowing a public id opens nothing
                    if (kept == null || !MessageDigest.isEqual(kept.secretHash(), presented.hash())) {
                        return Future.failedFuture(new Failure(ErrorCode.TOKEN_UNKNOWN,
                                "This API token is not known here (mistyped, or removed long after it ended)."));
                    }
                    if (kept.revoked()) {
                        return Future.failedFuture(new Failure(ErrorCode.TOKEN_REVOKED, "This API token was revoked; create a new one."));
                    }
                    if (!kept.expiresAt().isAfter(now)) {
                        return Future.failedFuture(new Failure(ErrorCode.TOKEN_EXPIRED,
                                "This API token expired at " + kept.expiresAt() + "; create a new one."));
                    }
                    if (kept.ownerDisabled()) {
                        return Future.failedFuture(new Failure(ErrorCode.TOKEN_OWNER_DISABLED,
                                "The account this API token belongs to is disabled."));
                    }
                    var wait = buckets.take(kept.tokenId());
                    if (wait.isPresent()) {
                        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                        return Future.failedFuture(new Failure(ErrorCode.TOO_MANY_REQUESTS,
                                "This API token sent too many requests; try again in " + seconds + " seconds.", null, Duration.ofSeconds(seconds)));
                    }
                    return touchIfDue(presented.publicId(), kept, now).map(kept.principal());
                });
    }

    private Future<Kept> lookUp(String publicId, Instant now) {
        return pool.preparedQuery(LOOK_UP).execute(Tuple.of(publicId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            Set<ApiTokenScope> scopes = ApiTokenScope.fromWireNames(row.getArrayOfStrings("scopes"));
            Set<Right> rights = EnumSet.noneOf(Right.class);
            rights.addAll(Role.rightsOf(row.getArrayOfStrings("rights")));
            rights.retainAll(ApiTokenScope.rightsOf(scopes));
            User owner = User.from(row);
            long tokenId = row.getLong("token_id");
            OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
            return new Kept(tokenId, owner.id(), row.getBuffer("secret_hash").getBytes(),
                    row.getOffsetDateTime("expires_at").toInstant(), row.getOffsetDateTime("revoked_at") != null, owner.disabled(),
                    Principal.ofApiToken(owner, tokenId, rights), lastUsed == null ? null : lastUsed.toInstant(), now.plus(CACHE_TIME));
        });
    }

    /** Last use is written at most once a minute per token (and node): not a write per request. */
    private Future<Void> touchIfDue(String publicId, Kept kept, Instant now) {
        if (kept.lastUsedAt() != null && kept.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL))) {
            return Future.succeededFuture();
        }
        cache.replace(publicId, kept.usedAt(now));
        return pool.preparedQuery("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)")
                .execute(Tuple.of(kept.tokenId(), utc(now), utc(now.minus(TOUCH_INTERVAL))))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("event=api_token_touch_failed token_id={} reason={}", kept.tokenId(), e.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** Removes tokens that expired or were revoked long ago; run periodically. */
    Future<Integer> purgeEnded() {
        OffsetDateTime before = utc(clock.instant().minus(KEEP_ENDED));
        return pool.preparedQuery("DELETE FROM api_tokens WHERE expires_at < $1 OR revoked_at < $1")
                .execute(Tuple.of(before)).map(rows -> rows.rowCount());
    }

    private static List<ApiToken> tokens(io.vertx.sqlclient.RowSet<Row> rows) {
        List<ApiToken> tokens = new ArrayList<>();
        rows.forEach(row -> tokens.add(ApiToken.from(row)));
        return tokens;
    }

    private static String[] wireNames(Set<ApiTokenScope> scopes) {
        return scopes.stream().sorted().map(ApiTokenScope::wireName).toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
