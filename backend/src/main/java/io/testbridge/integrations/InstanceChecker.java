package io.testbridge.integrations;

import io.testbridge.db.PeriodicJobs;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Re-checks every instance in the background, once per period across all nodes. */
public final class InstanceChecker {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceChecker.class);
    static final String JOB = "instance-check";

    private InstanceChecker() {
    }

    public static long schedule(Vertx vertx, PeriodicJobs jobs, IntegrationService integrations, Duration period) {
        // ticks more often than the period so a node that joins late still keeps the cadence
        long tick = Math.max(1_000, period.toMillis() / 4);
        return vertx.setPeriodic(tick, id -> jobs.claim(JOB, period)
                .compose(claimed -> claimed ? integrations.checkAll().map(count -> {
                    LOG.info("event=job_ran job={} instances={}", JOB, count);
                    return count;
                }) : io.vertx.core.Future.succeededFuture(0))
                .onFailure(e -> LOG.warn("event=job_failed job={} reason={}", JOB, e.getMessage())));
    }
}
