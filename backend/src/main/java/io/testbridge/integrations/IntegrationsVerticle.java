package io.testbridge.integrations;

import io.testbridge.audit.AuditLog;
import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.OutboundGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/** The integrations module: serves {@link Integrations} and re-checks every instance in the background. */
public final class IntegrationsVerticle extends VerticleBase {
    static final String CHECK_JOB = "instance-check";

    private final Pool pool;
    private final AppConfig config;
    private final Clock clock;
    private final JiraHttp jiraHttp;
    private final AuditLog audit;
    private final PeriodicJobs jobs;

    public IntegrationsVerticle(Pool pool, AppConfig config, Clock clock, JiraHttp jiraHttp, AuditLog audit, PeriodicJobs jobs) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.jiraHttp = jiraHttp;
        this.audit = audit;
        this.jobs = jobs;
    }

    @Override
    public Future<?> start() {
        IntegrationService integrations = new IntegrationService(pool, clock, new InstanceProbe(jiraHttp),
                new OutboundGuard(vertx, config.outbound()), audit);
        Duration period = config.instanceCheckInterval();
        return Doors.serve(vertx, Integrations.class, integrations).onSuccess(served ->
                // ticks more often than the period, so a node that joins late still keeps the cadence
                jobs.schedule(vertx, CHECK_JOB, Duration.ofMillis(Math.max(1_000, period.toMillis() / 4)), period, integrations::checkAll));
    }
}
