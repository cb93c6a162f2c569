package io.testbridge.identity;

import io.testbridge.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Slows down password guessing per account and per client address. Every attempt first claims a
 * try on both counters, in one transaction holding their rows ({@code FOR UPDATE}), so concurrent
 * attempts on any node cannot all pass the check: an attempt beyond a limit is refused and starts a
 * lock. A password is checked only with a claim; a right one gives its claims back. A lock is
 * always temporary (it doubles with each further lock, capped at 15 minutes), so no one, the last
 * administrator included, is locked out for good.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int ADDRESS_FACTOR = 4;

    private final Pool pool;
    private final Clock clock;
    private final int maxFailures;
    private final Duration baseLock;

    LoginThrottle(Pool pool, Clock clock, AppConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.maxFailures = config.loginMaxFailures();
        this.baseLock = config.loginLockDuration();
    }

    /** The counters one login attempt claims: its account (the user found, else the name as the lookup normalised it) and its client address. */
    record Keys(String account, String address) {
        static Keys of(UserService.Account account, String address) {
            return new Keys(account.credentials().map(found -> "user:" + found.userId()).orElse("name:" + account.normalizedName()),
                    "address:" + address);
        }

        List<String> sorted() {
            // rows are locked in key order, so two attempts never wait on each other's rows crosswise
            return account.compareTo(address) < 0 ? List.of(account, address) : List.of(address, account);
        }
    }

    /** Claims one try on both counters; empty if the password may be checked, else how long until it may. */
    public Future<Optional<Duration>> claim(Keys keys) {
        OffsetDateTime now = now();
        List<String> sorted = keys.sorted();
        // one statement creates the missing counters and locks all of them (DO UPDATE locks the row it
        // meets), so no other attempt, and no purge, can come between finding a counter and holding it
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO login_throttle AS t (key, failures, first_failed_at)
                                SELECT key, 0, $2 FROM unnest($1::text[]) AS key ORDER BY key
                                ON CONFLICT (key) DO UPDATE SET failures = t.failures
                                RETURNING key, failures, first_failed_at, locked_until, lock_count""")
                        .execute(Tuple.tuple().addArrayOfString(sorted.toArray(String[]::new)).addOffsetDateTime(now))
                        .compose(rows -> {
                            List<Counter> counters = new ArrayList<>();
                            rows.forEach(row -> counters.add(Counter.from(row)));
                            return decide(tx, counters, keys, now);
                        }));
    }

    /** A right password: the account's count starts over and the address gets its try back. */
    public Future<Void> succeeded(Keys keys) {
        return pool.preparedQuery("DELETE FROM login_throttle WHERE key = $1").execute(Tuple.of(keys.account()))
                .compose(done -> giveBack(List.of(keys.address())));
    }

    /** The password could not be checked (no Argon2 slot free): the claims did not count. */
    public Future<Void> notChecked(Keys keys) {
        return giveBack(keys.sorted());
    }

    private Future<Void> giveBack(List<String> keys) {
        // one row per statement: a statement updating both could lock them in the other order than a claim and deadlock
        Future<Void> done = Future.succeededFuture();
        for (String key : keys) {
            done = done.compose(previous -> pool.preparedQuery("UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1")
                    .execute(Tuple.of(key)).mapEmpty());
        }
        return done;
    }

    private Future<Optional<Duration>> decide(SqlConnection tx, List<Counter> counters, Keys keys, OffsetDateTime now) {
        Optional<OffsetDateTime> lockedUntil = counters.stream().map(Counter::lockedUntil)
                .filter(until -> until != null && until.isAfter(now)).max(OffsetDateTime::compareTo);
        if (lockedUntil.isPresent()) {
            return Future.succeededFuture(Optional.of(Duration.between(now, lockedUntil.get())));
        }
        List<Counter> next = new ArrayList<>();
        List<Counter> overLimit = new ArrayList<>();
        for (Counter counter : counters) {
            Counter claimed = counter.claimed(now);
            next.add(claimed);
            if (claimed.failures() > limitOf(counter.key(), keys)) {
                overLimit.add(claimed.locked(now, lockDuration(claimed.lockCount())));
            }
        }
        // an attempt beyond a limit locks that counter only: the others did not see a try
        List<Counter> writes = overLimit.isEmpty() ? next : overLimit;
        Future<Void> written = Future.succeededFuture();
        for (Counter write : writes) {
            written = written.compose(done -> tx.preparedQuery("""
                            UPDATE login_throttle SET failures = $2, first_failed_at = $3, locked_until = $4, lock_count = $5
                             WHERE key = $1""")
                    .execute(Tuple.of(write.key(), write.failures(), write.firstFailedAt(), write.lockedUntil(), write.lockCount()))
                    .mapEmpty());
        }
        Optional<Duration> wait = overLimit.stream().map(counter -> Duration.between(now, counter.lockedUntil())).max(Duration::compareTo);
        return written.map(wait);
    }

    /**
     * Forgets the counters an attempt would start over anyway: no failure for a window and any lock
     * long over (see {@link Counter#claimed}). Keeps the table as small as the last window's
     * attempts, however many names and addresses were tried. A claim holds its rows, so a counter
     * in use is never deleted under it.
     */
    public Future<Integer> forgetQuiet() {
        OffsetDateTime windowStart = now().minus(WINDOW);
        return pool.preparedQuery("""
                        DELETE FROM login_throttle
                         WHERE first_failed_at < $1 AND (locked_until IS NULL OR locked_until < $1)""")
                .execute(Tuple.of(windowStart))
                .map(rows -> rows.rowCount());
    }

    private int limitOf(String key, Keys keys) {
        return key.equals(keys.account()) ? maxFailures : maxFailures * ADDRESS_FACTOR;
    }

    private Duration lockDuration(int previousLocks) {
        Duration lock = baseLock.multipliedBy(1L << Math.min(previousLocks, 10));
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** One row of login_throttle. */
    private record Counter(String key, int failures, OffsetDateTime firstFailedAt, OffsetDateTime lockedUntil, int lockCount) {
        static Counter from(Row row) {
            return new Counter(row.getString("key"), row.getInteger("failures"), row.getOffsetDateTime("first_failed_at"),
                    row.getOffsetDateTime("locked_until"), row.getInteger("lock_count"));
        }

        /** With this attempt counted; a quiet window starts the count over, and a long quiet the lock doubling too. */
        Counter claimed(OffsetDateTime now) {
            OffsetDateTime windowStart = now.minus(WINDOW);
            if (firstFailedAt.isBefore(windowStart)) {
                boolean quietSinceLock = lockedUntil == null || lockedUntil.isBefore(windowStart);
                return new Counter(key, 1, now, lockedUntil, quietSinceLock ? 0 : lockCount);
            }
            return new Counter(key, failures + 1, firstFailedAt, lockedUntil, lockCount);
        }

        Counter locked(OffsetDateTime now, Duration lock) {
            return new Counter(key, 0, now, now.plus(lock), lockCount + 1);
        }
    }
}
