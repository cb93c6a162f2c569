package io.testbridge.db.backup;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.Migrations;
import io.testbridge.shared.Version;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads a backup into an empty database. Everything that can be checked is checked before the
 * database is touched: the file whole, every table's checksum, the versions (a newer backup is
 * refused; an older one is loaded into the schema it was taken from, then migrated forward), and
 * that the target holds no data. The rows then go in as one transaction, sequences included, so a
 * failure part-way leaves no row behind; within it, secondary indexes and foreign keys are dropped
 * before the rows and made again after them (pg_restore's order), which checks every key once.
 * Blocking JDBC: a command-line thread only.
 */
public final class DatabaseRestore {
    /** Written by timers on any start, so a database with only these is still empty. */
    private static final List<String> HOUSEKEEPING = List.of("job_runs");

    private DatabaseRestore() {
    }

    /** What a restore did. */
    public record Restored(BackupManifest manifest, String schemaVersionNow) {
    }

    /**
     * Reads the file's manifest and checks every entry against it; answers the manifest, or
     * refuses with what is wrong. Reads the whole file once; changes nothing.
     */
    public static BackupManifest check(Path file, String latestSchemaVersion) {
        return read(file, zip -> {
            BackupManifest manifest = manifest(zip, file);
            if (manifest.format() != BackupManifest.FORMAT) {
                throw new BackupRefused(file + " is a backup of format " + manifest.format() + "; this Testbridge reads format " + BackupManifest.FORMAT + ".");
            }
            if (Migrations.compareVersions(manifest.schemaVersion(), latestSchemaVersion) > 0) {
                throw new BackupRefused(file + " was taken by Testbridge " + manifest.testbridgeVersion() + " (schema version "
                        + manifest.schemaVersion() + "); this is Testbridge " + Version.CURRENT + " (schema version " + latestSchemaVersion
                        + "), which cannot go back to an older schema. Restore it with Testbridge " + manifest.testbridgeVersion() + " or newer.");
            }
            for (BackupManifest.Table table : manifest.tables()) {
                MessageDigest sha256 = DatabaseBackup.sha256();
                try (InputStream in = new DigestInputStream(entry(zip, file, table.entry()), sha256)) {
                    long bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
                    if (bytes != table.bytes()) {
                        throw new BackupRefused(file + " is damaged: table " + table.name() + " holds " + bytes + " bytes, its manifest says " + table.bytes() + ".");
                    }
                }
                if (!HexFormat.of().formatHex(sha256.digest()).equals(table.sha256())) {
                    throw new BackupRefused(file + " is damaged: table " + table.name() + " does not match its checksum.");
                }
            }
            if (manifest.includesKey() && zip.getEntry(BackupManifest.KEY_ENTRY) == null) {
                throw new BackupRefused(file + " is damaged: its manifest says it includes the key, but the key is not there.");
            }
            return manifest;
        });
    }

    /** The manifest alone, its checksum checked; reads no table. */
    static BackupManifest manifestOnly(Path file) {
        return read(file, zip -> manifest(zip, file));
    }

    /** The encryption key the backup carries, if it was taken with it. */
    public static Optional<String> includedKey(Path file) {
        return read(file, zip -> {
            ZipEntry key = zip.getEntry(BackupManifest.KEY_ENTRY);
            if (key == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(key)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
            }
        });
    }

    private interface ZipRead<T> {
        T from(ZipFile zip) throws IOException;
    }

    /** Reads the backup file; a missing file and a damaged one are each refused with a sentence. */
    private static <T> T read(Path file, ZipRead<T> reading) {
        try (ZipFile zip = open(file)) {
            return reading.from(zip);
        } catch (NoSuchFileException e) {
            throw new BackupRefused("There is no backup file at " + file + ".", e);
        } catch (IOException e) {
            throw damaged(file, e);
        }
    }

    /**
     * Restores {@code file} into the database at {@code url}, checked first with {@link #check}.
     * Refuses a database holding data unless {@code replace}; with it, that data is dropped first.
     */
    public static Restored restore(Path file, DatabaseUrl url, Migrations migrations, boolean replace) {
        String latest = migrations.latestVersion(url);
        BackupManifest manifest = check(file, latest);
        try (Connection connection = DatabaseBackup.connect(url)) {
            List<String> existing = Catalog.tables(connection);
            List<String> holdingData = tablesWithRows(connection, existing);
            if (!holdingData.isEmpty() && !replace) {
                throw new BackupRefused("The database " + url + " already holds data (in " + String.join(", ", holdingData.subList(0, Math.min(5, holdingData.size())))
                        + (holdingData.size() > 5 ? ", …" : "") + "). A restore goes into an empty database; to replace what is there, add --replace.");
            }
            if (!existing.isEmpty() || Catalog.tableExists(connection, Catalog.SCHEMA_HISTORY)) {
                dropSchemaObjects(connection, existing);
            }
        } catch (SQLException e) {
            throw new BackupRefused("Cannot open the database " + url + ": " + e.getMessage(), e);
        }
        migrations.migrate(url, manifest.schemaVersion());
        try (Connection connection = DatabaseBackup.connect(url); ZipFile zip = open(file)) {
            load(connection, zip, file, manifest);
        } catch (SQLException e) {
            throw new BackupRefused("Loading " + file + " failed and was undone: " + e.getMessage(), e);
        } catch (IOException e) {
            throw damaged(file, e);
        }
        migrations.migrate(url);
        return new Restored(manifest, latest);
    }

    private static void load(Connection connection, ZipFile zip, Path file, BackupManifest manifest) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try {
            List<String> tables = Catalog.tables(connection);
            TreeSet<String> expected = new TreeSet<>(manifest.tables().stream().map(BackupManifest.Table::name).toList());
            if (!expected.equals(new TreeSet<>(tables))) {
                throw new BackupRefused("Schema version " + manifest.schemaVersion() + " has the tables " + new TreeSet<>(tables)
                        + ", but " + file + " holds " + expected + ".");
            }
            Map<String, BackupManifest.Table> byName = new java.util.HashMap<>();
            manifest.tables().forEach(table -> byName.put(table.name(), table));
            // the migrations seed some rows (the built-in roles): the backup holds them as they were
            try (Statement truncate = connection.createStatement()) {
                truncate.execute("TRUNCATE " + DatabaseBackup.quotedList(tables));
            }
            List<String> order = Catalog.loadOrder(connection, tables);
            List<Catalog.Deferred> deferred = Catalog.deferrable(connection);
            try (Statement drop = connection.createStatement()) {
                for (Catalog.Deferred later : deferred) {
                    drop.execute(later.drop());
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String name : order) {
                BackupManifest.Table table = byName.get(name);
                MessageDigest sha256 = DatabaseBackup.sha256();
                long rows;
                try (InputStream in = new DigestInputStream(entry(zip, file, table.entry()), sha256)) {
                    rows = copy.copyIn("COPY " + DatabaseBackup.quote(name) + " (" + DatabaseBackup.quotedList(table.columns())
                            + ") FROM STDIN (FORMAT binary)", in);
                }
                if (rows != table.rows() || !HexFormat.of().formatHex(sha256.digest()).equals(table.sha256())) {
                    throw new BackupRefused(file + " changed while it was being restored (table " + name + "); nothing was restored.");
                }
            }
            // the indexes, then the foreign keys, as they were: each built or checked once over all rows
            try (Statement create = connection.createStatement()) {
                for (Catalog.Deferred later : deferred) {
                    create.execute(later.create());
                }
            }
            try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                for (Map.Entry<String, BackupManifest.Sequence> sequence : manifest.sequences().entrySet()) {
                    setval.setString(1, DatabaseBackup.quote(sequence.getKey()));
                    setval.setLong(2, sequence.getValue().lastValue());
                    setval.setBoolean(3, sequence.getValue().isCalled());
                    setval.execute();
                }
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static List<String> tablesWithRows(Connection connection, List<String> tables) throws SQLException {
        List<String> holding = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                if (HOUSEKEEPING.contains(table)) {
                    continue;
                }
                try (ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + DatabaseBackup.quote(table) + ")")) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        holding.add(table);
                    }
                }
            }
        }
        return holding;
    }

    /** An empty schema of another version, or data the caller chose to replace: the tables go (views and triggers with them), and the functions. */
    private static void dropSchemaObjects(Connection connection, List<String> tables) throws SQLException {
        List<String> all = new ArrayList<>(tables);
        all.add(Catalog.SCHEMA_HISTORY);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + DatabaseBackup.quotedList(all) + " CASCADE");
            // the migrations' own functions (trigger functions) too, or Flyway finds a schema that is not empty;
            // never an extension's
            statement.execute("""
                    DO $$
                    DECLARE f regprocedure;
                    BEGIN
                        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                  WHERE n.nspname = current_schema() AND p.prokind = 'f'
                                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                        LOOP
                            EXECUTE 'DROP FUNCTION ' || f || ' CASCADE';
                        END LOOP;
                    END $$""");
        }
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    }

    private static BackupManifest manifest(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
        ZipEntry checksum = zip.getEntry(BackupManifest.CHECKSUM_ENTRY);
        if (entry == null || checksum == null) {
            throw new BackupRefused(file + " is not a Testbridge backup: it has no " + BackupManifest.ENTRY + ".");
        }
        byte[] bytes;
        String expected;
        try (InputStream in = zip.getInputStream(entry); InputStream sum = zip.getInputStream(checksum)) {
            bytes = in.readAllBytes();
            expected = new String(sum.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        if (!HexFormat.of().formatHex(DatabaseBackup.sha256().digest(bytes)).equals(expected)) {
            throw new BackupRefused(file + " is damaged: its manifest does not match its checksum.");
        }
        return BackupManifest.fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static InputStream entry(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BackupRefused(file + " is damaged: " + name + " is missing.");
        }
        return zip.getInputStream(entry);
    }

    private static BackupRefused damaged(Path file, IOException e) {
        return new BackupRefused(file + " is not a complete Testbridge backup (truncated or damaged): " + e.getMessage(), e);
    }
}
