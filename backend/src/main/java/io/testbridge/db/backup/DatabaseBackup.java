package io.testbridge.db.backup;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.shared.Version;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An online, consistent backup: every table as one snapshot (a repeatable-read, read-only
 * transaction, so writers carry on and the file holds exactly what had committed when it began),
 * streamed table by table with COPY into a zip file, with the manifest last. Memory stays bounded
 * whatever the database's size: rows go from the socket to the file through fixed buffers.
 *
 * <p>Secrets stay as they are in the database: sealed with the instance's key. The key itself is
 * in the file only when asked for ({@code keyToInclude}); the manifest always names its id.
 * Blocking JDBC: a worker or command-line thread only.
 */
public final class DatabaseBackup {
    private DatabaseBackup() {
    }

    /** A JDBC connection for a backup or restore (the application's pool is reactive). */
    public static Connection connect(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        properties.setProperty("password", url.password());
        properties.setProperty("ApplicationName", "testbridge-backup");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database(), properties);
    }

    /** Writes the backup to {@code out} (which it does not close) and answers its manifest. */
    public static BackupManifest write(DatabaseUrl url, OutputStream out, String keyId, Optional<String> keyToInclude, Clock clock) {
        try (Connection connection = connect(url)) {
            return write(connection, out, keyId, keyToInclude, clock);
        } catch (SQLException e) {
            throw new BackupRefused("Cannot read the database for a backup: " + e.getMessage(), e);
        }
    }

    static BackupManifest write(Connection connection, OutputStream out, String keyId, Optional<String> keyToInclude, Clock clock)
            throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // the snapshot is taken at the transaction's first query: this one
            statement.execute("SELECT 1");
        }
        try {
            String schemaVersion = Catalog.schemaVersion(connection);
            if (schemaVersion == null) {
                throw new BackupRefused("The database has no Testbridge schema: there is nothing to back up.");
            }
            var takenAt = clock.instant();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ZipOutputStream zip = new ZipOutputStream(new Unclosable(out), StandardCharsets.UTF_8);
            zip.setLevel(Deflater.BEST_SPEED);
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (String table : Catalog.tables(connection)) {
                List<String> columns = Catalog.columns(connection, table);
                BackupManifest.Table entry = new BackupManifest.Table(table, columns, 0, 0, "");
                zip.putNextEntry(new ZipEntry(entry.entry()));
                MessageDigest sha256 = sha256();
                CountingStream counted = new CountingStream(new DigestOutputStream(zip, sha256));
                long rows = copy.copyOut("COPY " + quote(table) + " (" + quotedList(columns) + ") TO STDOUT (FORMAT binary)", counted);
                counted.flush();
                zip.closeEntry();
                tables.add(new BackupManifest.Table(table, columns, rows, counted.count, HexFormat.of().formatHex(sha256.digest())));
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Version.CURRENT, schemaVersion, takenAt, keyId,
                    keyToInclude.isPresent(), tables, Catalog.sequences(connection));
            if (keyToInclude.isPresent()) {
                zip.putNextEntry(new ZipEntry(BackupManifest.KEY_ENTRY));
                zip.write((keyToInclude.get().strip() + "\n").getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
            byte[] manifestBytes = manifest.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
            zip.write(manifestBytes);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(BackupManifest.CHECKSUM_ENTRY));
            zip.write((HexFormat.of().formatHex(sha256().digest(manifestBytes)) + "\n").getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.finish();
            zip.flush();
            return manifest;
        } catch (IOException e) {
            throw new BackupRefused("Cannot write the backup: " + e.getMessage(), e);
        } finally {
            connection.rollback();
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Table or column names, quoted, as a comma-separated list. */
    static String quotedList(List<String> identifiers) {
        return String.join(", ", identifiers.stream().map(DatabaseBackup::quote).toList());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts what passes, and keeps COPY from closing the zip when it is done with a table. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The caller's stream stays open: it may be an HTTP answer with more to do. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
