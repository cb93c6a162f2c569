package io.testbridge.db.backup;

import io.testbridge.config.DatabaseUrl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Backups as files: written beside their final name and moved there only when complete (so a
 * file with the name is never a partial one), readable by their owner only (they hold password
 * hashes and sealed secrets), named by time in a folder that keeps the newest few.
 */
public final class BackupFiles {
    public static final String SUFFIX = ".tbbackup";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BackupFiles() {
    }

    /** A written backup: what it holds and its size. */
    public record Written(Path file, BackupManifest manifest, long bytes) {
    }

    public static Written write(DatabaseUrl url, Path file, String keyId, Optional<String> keyToInclude, Clock clock) {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            BackupManifest manifest;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial, StandardOpenOption.WRITE), 1 << 16)) {
                manifest = DatabaseBackup.write(url, out, keyId, keyToInclude, clock);
            }
            try (var channel = java.nio.channels.FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(target, manifest, Files.size(target));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new BackupRefused("Cannot write the backup to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** The manifest alone, its own checksum checked (a full check reads every table: {@link DatabaseRestore#check}). */
    public static BackupManifest readManifest(Path file) {
        return DatabaseRestore.manifestOnly(file);
    }

    /** The name a backup taken now gets: its time, so names sort as backups were taken. */
    public static String name(Clock clock) {
        return "testbridge-" + NAME_TIME.format(clock.instant()) + SUFFIX;
    }

    /** Where a scheduled backup taken now goes in its folder. */
    public static Path scheduledName(Path folder, Clock clock) {
        return folder.resolve(name(clock));
    }

    /** Deletes the oldest backups of the folder beyond the newest {@code keep}; answers those deleted. */
    public static List<Path> prune(Path folder, int keep) {
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "testbridge-*" + SUFFIX)) {
            files.forEach(backups::add);
        } catch (IOException e) {
            throw new BackupRefused("Cannot list the backups in " + folder + ": " + e.getMessage(), e);
        }
        // the names sort by time
        backups.sort(Comparator.comparing(Path::getFileName).reversed());
        List<Path> deleted = new ArrayList<>();
        for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            deleteQuietly(old);
            deleted.add(old);
        }
        return deleted;
    }

    public static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f kB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover partial file is named .part and never taken for a backup
        }
    }
}
