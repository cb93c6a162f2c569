package io.testbridge.backup;

import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The backup module: owns backup_runs, the daily schedule's timer (a tick a minute; the day's
 * slot is claimed in PostgreSQL, so one node takes it) and the backup in progress.
 */
public final class BackupVerticle extends VerticleBase {
    private final Pool pool;
    private final DatabaseUrl databaseUrl;
    private final AppConfig config;
    private final String keyId;
    private final Clock clock;
    private final PeriodicJobs jobs;
    private final Metrics metrics;
    private BackupService service;

    public BackupVerticle(Pool pool, DatabaseUrl databaseUrl, AppConfig config, String keyId, Clock clock, PeriodicJobs jobs, Metrics metrics) {
        this.pool = pool;
        this.databaseUrl = databaseUrl;
        this.config = config;
        this.keyId = keyId;
        this.clock = clock;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        service = new BackupService(vertx, pool, databaseUrl, config.backups(), keyId, clock, ZoneId.systemDefault(), jobs, metrics);
        if (config.backups().time().isPresent()) {
            PeriodicJobs.everyTickOnThisNode(vertx, "scheduled-backup-check", Duration.ofMinutes(1), service::takeScheduledBackupIfDue);
        }
        return Doors.serve(vertx, Backups.class, service);
    }
}
