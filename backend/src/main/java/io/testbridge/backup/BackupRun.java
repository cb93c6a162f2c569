package io.testbridge.backup;

import java.time.Instant;

/**
 * One backup that ended: how it was asked for, when, whether it succeeded, where it went (a file
 * name for the scheduled and manual ones), how big, how many rows, and who asked.
 */
public record BackupRun(Kind kind, Instant startedAt, Instant finishedAt, boolean succeeded, String file, Long bytes, Long rows,
                        String message, Long startedBy) {
    public enum Kind { SCHEDULED, MANUAL, DOWNLOAD }
}
