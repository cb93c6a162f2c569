package io.testbridge.db.backup;

/** A backup or restore that cannot be done, with the sentence that says why; nothing was changed. */
public final class BackupRefused extends RuntimeException {
    public BackupRefused(String message) {
        super(message);
    }

    public BackupRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
