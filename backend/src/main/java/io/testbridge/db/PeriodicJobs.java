package io.testbridge.db;

import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Background work of a module, run by timers of the module's own verticle (schedule from its
 * {@code start()}, so timer and work run on its context and end with it). A job {@link #claim}s its
 * period in PostgreSQL: of all nodes that ask in the same period, exactly one gets {@code true}.
 * Nodes may tick at any rate; the period is what counts.
 */
public final class PeriodicJobs {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);

    private final Pool pool;
    private final Clock clock;
    private final Metrics metrics;

    public PeriodicJobs(Pool pool, Clock clock, Metrics metrics) {
        this.pool = pool;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Runs {@code work} once per {@code period} across all nodes: every {@code tick} this node asks
     * for the period, and runs the work if it got it. The work answers how many things it handled.
     */
    public long schedule(Vertx vertx, String job, Duration tick, Duration period, Supplier<Future<Integer>> work) {
        return vertx.setPeriodic(tick.toMillis(), id -> claim(job, period)
                .compose(claimed -> claimed ? work.get().onSuccess(count -> LOG.info("event=job_ran job={} count={}", job, count))
                        : Future.succeededFuture(0))
                .onFailure(e -> LOG.warn("event=job_failed job={} reason={}", job, e.getMessage())));
    }

    /** Node-local housekeeping, harmless when several nodes do it: every {@code tick}, on this node. */
    public static long everyTickOnThisNode(Vertx vertx, String job, Duration tick, Supplier<Future<?>> work) {
        return vertx.setPeriodic(tick.toMillis(), id -> work.get()
                .onFailure(e -> LOG.warn("event=job_failed job={} reason={}", job, e.getMessage())));
    }

    public Future<Boolean> claim(String job, Duration period) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return pool.preparedQuery("""
                        INSERT INTO job_runs AS r (job, last_run_at) VALUES ($1, $2)
                        ON CONFLICT (job) DO UPDATE SET last_run_at = $2 WHERE r.last_run_at <= $3
                        RETURNING job""")
                .execute(Tuple.of(job, now, now.minus(period)))
                .map(rows -> {
                    boolean claimed = rows.rowCount() == 1;
                    if (claimed) {
                        metrics.jobRun(job);
                    }
                    return claimed;
                });
    }
}
