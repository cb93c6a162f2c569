package io.testbridge.identity;

import io.testbridge.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Slows down password guessing per username and per client address. A lock is always temporary
 * (it doubles with each further lock, capped at 15 minutes), so no one, the last administrator
 * included, is locked out for good. Counters live in PostgreSQL so every node sees them.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int ADDRESS_FACTOR = 4;

    private final Pool pool;
    private final Clock clock;
    private final int maxFailures;
    private final Duration baseLock;

    public LoginThrottle(Pool pool, Clock clock, AppConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.maxFailures = config.loginMaxFailures();
        this.baseLock = config.loginLockDuration();
    }

    public static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    public static String addressKey(String address) {
        return "address:" + address;
    }

    /** How long until the first of these keys is unlocked, if any is locked now. */
    public Future<Optional<Duration>> lockedFor(List<String> keys) {
        OffsetDateTime now = now();
        return pool.preparedQuery("SELECT max(locked_until) FROM login_throttle WHERE key = ANY ($1) AND locked_until > $2")
                .execute(Tuple.tuple().addArrayOfString(keys.toArray(String[]::new)).addOffsetDateTime(now))
                .map(rows -> {
                    OffsetDateTime until = rows.iterator().next().getOffsetDateTime(0);
                    return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
                });
    }

    public Future<Void> recordFailure(String username, String address) {
        return recordFailure(userKey(username), maxFailures)
                .compose(done -> recordFailure(addressKey(address), maxFailures * ADDRESS_FACTOR));
    }

    public Future<Void> recordSuccess(String username) {
        return pool.preparedQuery("DELETE FROM login_throttle WHERE key = $1").execute(Tuple.of(userKey(username))).mapEmpty();
    }

    private Future<Void> recordFailure(String key, int limit) {
        OffsetDateTime now = now();
        return pool.preparedQuery("""
                        INSERT INTO login_throttle AS t (key, failures, first_failed_at) VALUES ($1, 1, $2)
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN t.first_failed_at < $3 THEN 1 ELSE t.failures + 1 END,
                            lock_count = CASE WHEN t.first_failed_at < $3 AND (t.locked_until IS NULL OR t.locked_until < $3)
                                              THEN 0 ELSE t.lock_count END,
                            first_failed_at = CASE WHEN t.first_failed_at < $3 THEN $2 ELSE t.first_failed_at END
                        RETURNING failures, lock_count""")
                .execute(Tuple.of(key, now, now.minus(WINDOW)))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getInteger("failures") < limit) {
                        return Future.succeededFuture();
                    }
                    Duration lock = lockDuration(row.getInteger("lock_count"));
                    return pool.preparedQuery("""
                                    UPDATE login_throttle SET failures = 0, first_failed_at = $2, locked_until = $3,
                                                              lock_count = lock_count + 1
                                     WHERE key = $1""")
                            .execute(Tuple.of(key, now, now.plus(lock))).mapEmpty();
                });
    }

    private Duration lockDuration(int previousLocks) {
        Duration lock = baseLock.multipliedBy(1L << Math.min(previousLocks, 10));
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
