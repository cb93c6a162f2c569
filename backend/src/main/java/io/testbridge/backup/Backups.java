package io.testbridge.backup;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;

/** The backup module's door: the schedule, the backups taken, and "back up now". */
@Door(value = EventAddresses.BACKUPS, timeoutSeconds = 30)
public interface Backups {
    /** The schedule, whether a backup is being taken on this node, and the latest backups of every kind. */
    Future<BackupStatus> status();

    /**
     * Starts a backup into the schedule's folder now and answers at once (the status shows it
     * running, then its result); refused with 409 while one is being taken on this node.
     */
    Future<BackupStatus> backUpNow(long userId);

    /**
     * Takes the day's scheduled backup if it is due (its time has passed and no scheduled backup
     * started since) and this node claims it; the schedule's timer calls it every minute. Answers 1
     * if it took one. Waits for the backup: operators' and tests' lever.
     */
    @Door.Timeout(seconds = 3600)
    Future<Integer> takeScheduledBackupIfDue();

    /** A backup streamed to an administrator from the System page has ended: it is recorded like the others. */
    Future<Void> recordDownload(BackupRun run);
}
