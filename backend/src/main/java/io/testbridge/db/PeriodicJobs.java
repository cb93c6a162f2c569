package io.testbridge.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Claims one period of a background job in PostgreSQL: of all nodes that ask in the same period,
 * exactly one gets {@code true}. Nodes may tick at any rate; the period is what counts.
 */
public final class PeriodicJobs {
    private final Pool pool;
    private final Clock clock;
    private final io.testbridge.observability.Metrics metrics;

    public PeriodicJobs(Pool pool, Clock clock, io.testbridge.observability.Metrics metrics) {
        this.pool = pool;
        this.clock = clock;
        this.metrics = metrics;
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
