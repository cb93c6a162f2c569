package io.testbridge.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * What the System page shows of backups: the daily schedule (if any) and its next run, the folder
 * and how many are kept, a backup in progress on this node, and the latest ones taken.
 */
public record BackupStatus(Optional<LocalTime> dailyAt, Optional<Instant> nextRunAt, Path folder, int keep,
                           Optional<Instant> runningSince, List<BackupRun> latest) {
}
