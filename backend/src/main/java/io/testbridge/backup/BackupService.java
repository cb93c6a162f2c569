package io.testbridge.backup;

import io.testbridge.config.AppConfig;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.db.backup.BackupFiles;
import io.testbridge.errors.Failure;
import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backups into the schedule's folder (daily, or now), and the record of every backup taken. Runs
 * on the backup verticle's context; the backup itself, blocking JDBC and file writes, on a worker.
 * At most one runs at a time on a node; of several nodes, the one that claims the day's slot in
 * PostgreSQL takes the scheduled one.
 */
final class BackupService implements Backups {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final String JOB = "scheduled-backup";
    /** Rows kept of backup_runs: the System page shows the latest few; these are for looking back. */
    private static final int RUNS_KEPT = 500;

    private final Vertx vertx;
    private final Pool pool;
    private final DatabaseUrl databaseUrl;
    private final AppConfig.BackupSchedule schedule;
    private final String keyId;
    private final Clock clock;
    private final ZoneId zone;
    private final PeriodicJobs jobs;
    private final Metrics metrics;
    /** When the backup this node is taking started; touched on the verticle's context only. */
    private Instant runningSince;

    BackupService(Vertx vertx, Pool pool, DatabaseUrl databaseUrl, AppConfig.BackupSchedule schedule, String keyId, Clock clock,
                  ZoneId zone, PeriodicJobs jobs, Metrics metrics) {
        this.vertx = vertx;
        this.pool = pool;
        this.databaseUrl = databaseUrl;
        this.schedule = schedule;
        this.keyId = keyId;
        this.clock = clock;
        this.zone = zone;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @Override
    public Future<BackupStatus> status() {
        return pool.preparedQuery("""
                        SELECT kind, started_at, finished_at, succeeded, file, bytes, rows_total, message, started_by
                          FROM backup_runs ORDER BY started_at DESC LIMIT 10""")
                .execute()
                .map(rows -> {
                    List<BackupRun> latest = new ArrayList<>();
                    rows.forEach(row -> latest.add(run(row)));
                    Instant now = clock.instant();
                    return new BackupStatus(schedule.time(), schedule.time().map(at -> BackupSchedule.nextSlot(at, zone, now)),
                            schedule.folder(), schedule.keep(), Optional.ofNullable(runningSince), latest);
                });
    }

    @Override
    public Future<BackupStatus> backUpNow(long userId) {
        if (runningSince != null) {
            return Future.failedFuture(Failure.conflict(null, "A backup is being taken on this server since " + runningSince
                    + "; its result will show here when it ends."));
        }
        take(BackupRun.Kind.MANUAL, userId);
        return status();
    }

    @Override
    public Future<Void> recordDownload(BackupRun run) {
        return ended(run);
    }

    @Override
    public Future<Integer> takeScheduledBackupIfDue() {
        if (schedule.time().isEmpty() || runningSince != null) {
            return Future.succeededFuture(0);
        }
        return pool.preparedQuery("SELECT max(started_at) FROM backup_runs WHERE kind = 'SCHEDULED'").execute()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant))
                .compose(last -> BackupSchedule.due(schedule.time().get(), zone, clock.instant(), last).isEmpty()
                        ? Future.succeededFuture(false)
                        // one node per slot: the next slot is a day later, so a claim lasting most of a day is the slot's
                        : jobs.claim(JOB, Duration.ofHours(23)))
                .compose(claimed -> claimed ? take(BackupRun.Kind.SCHEDULED, null).map(1) : Future.succeededFuture(0));
    }

    /** Takes a backup into the folder, keeps the newest few, records it; fails only if recording fails. */
    Future<BackupRun> take(BackupRun.Kind kind, Long userId) {
        Instant started = clock.instant();
        runningSince = started;
        return vertx.executeBlocking(() -> {
                    BackupFiles.Written written = BackupFiles.write(databaseUrl, BackupFiles.scheduledName(schedule.folder(), clock), keyId,
                            Optional.empty(), clock);
                    List<java.nio.file.Path> deleted = BackupFiles.prune(schedule.folder(), schedule.keep());
                    return new BackupRun(kind, started, clock.instant(), true, written.file().getFileName().toString(), written.bytes(),
                            written.manifest().totalRows(), deleted.isEmpty() ? null : "Deleted " + deleted.size() + " older backup(s) beyond the "
                            + schedule.keep() + " kept.", userId);
                }, false)
                .recover(failed -> {
                    LOG.warn("event=backup_failed kind={} reason={}", kind, failed.getMessage());
                    return Future.succeededFuture(new BackupRun(kind, started, clock.instant(), false, null, null, null, failed.getMessage(), userId));
                })
                .compose(run -> {
                    // recover above: this runs whatever the backup's outcome
                    runningSince = null;
                    if (run.succeeded()) {
                        LOG.info("event=backup_taken kind={} file={} bytes={} rows={}", kind, run.file(), run.bytes(), run.rows());
                    }
                    return ended(run).map(run);
                });
    }

    /** A backup of any kind ended: counted in the metrics and recorded. */
    private Future<Void> ended(BackupRun run) {
        metrics.backupTaken(run.kind().name().toLowerCase(java.util.Locale.ROOT), run.succeeded(), run.bytes() == null ? 0 : run.bytes(),
                Duration.between(run.startedAt(), run.finishedAt()));
        return record(run);
    }

    private Future<Void> record(BackupRun run) {
        return pool.preparedQuery("""
                        WITH added AS (
                            INSERT INTO backup_runs (kind, started_at, finished_at, succeeded, file, bytes, rows_total, message, started_by)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))
                        DELETE FROM backup_runs WHERE id IN (SELECT id FROM backup_runs ORDER BY started_at DESC OFFSET $10)""")
                .execute(Tuple.from(new Object[] {run.kind().name(), utc(run.startedAt()), utc(run.finishedAt()), run.succeeded(), run.file(),
                        run.bytes(), run.rows(), run.message(), run.startedBy(), RUNS_KEPT}))
                .mapEmpty();
    }

    private static BackupRun run(Row row) {
        return new BackupRun(BackupRun.Kind.valueOf(row.getString("kind")), row.getOffsetDateTime("started_at").toInstant(),
                row.getOffsetDateTime("finished_at").toInstant(), row.getBoolean("succeeded"), row.getString("file"), row.getLong("bytes"),
                row.getLong("rows_total"), row.getString("message"), row.getLong("started_by"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
