package io.testbridge.integrations;

import io.testbridge.audit.AuditLog;
import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.db.Notifications;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.OutboundGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/**
 * The integrations module: serves {@link Integrations}, re-checks every instance in the background,
 * and owns the per-node cache of the list with the LISTEN connection that keeps it true.
 */
public final class IntegrationsVerticle extends VerticleBase {
    static final String CHECK_JOB = "instance-check";

    private final Pool pool;
    private final Notifications notifications;
    private final AppConfig config;
    private final Clock clock;
    private final JiraHttp jiraHttp;
    private final AuditLog audit;
    private final PeriodicJobs jobs;

    private InstanceCache instanceCache;

    public IntegrationsVerticle(Pool pool, Notifications notifications, AppConfig config, Clock clock, JiraHttp jiraHttp, AuditLog audit,
                                PeriodicJobs jobs) {
        this.pool = pool;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
        this.jiraHttp = jiraHttp;
        this.audit = audit;
        this.jobs = jobs;
    }

    @Override
    public Future<?> start() {
        instanceCache = new InstanceCache(notifications);
        IntegrationService integrations = new IntegrationService(pool, clock, new InstanceProbe(jiraHttp),
                new OutboundGuard(vertx, config.outbound()), audit, instanceCache);
        Duration period = config.instanceCheckInterval();
        return Doors.serve(vertx, Integrations.class, integrations).onSuccess(served ->
                // ticks more often than the period, so a node that joins late still keeps the cadence
                jobs.schedule(vertx, CHECK_JOB, Duration.ofMillis(Math.max(1_000, period.toMillis() / 4)), period, integrations::checkAll));
    }

    @Override
    public Future<?> stop() {
        if (instanceCache != null) {
            instanceCache.close();
        }
        return Future.succeededFuture();
    }
}
