package io.testbridge.db;

import io.testbridge.config.ConfigException;
import io.testbridge.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Applies the schema migrations in {@code db/migration} before anything is served. Blocking JDBC:
 * start-up threads only, never an event loop.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final PGSimpleDataSource dataSource;
    private final Flyway flyway;

    private Migrations(PGSimpleDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    /**
     * Configures Flyway before the database's address is known: its plugin set-up and class loading
     * take a good part of a second, which start-up spends while the database starts. Flyway only
     * opens the data source when {@link #migrate} runs, by which time it names the database.
     */
    public static Migrations prepare(Duration connectTimeout) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setConnectTimeout((int) connectTimeout.toSeconds());
        dataSource.setLoginTimeout((int) connectTimeout.toSeconds());
        dataSource.setApplicationName("testbridge-migrations");
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .connectRetries(0)
                .load();
        return new Migrations(dataSource, flyway);
    }

    public void migrate(DatabaseUrl url) {
        pointAt(url);
        if (isCurrent()) {
            LOG.info("event=database_migrated applied=0 schema_version=current checked=history");
            return;
        }
        try {
            MigrateResult result = flyway.migrate();
            LOG.info("event=database_migrated applied={} schema_version={}", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot prepare the database at " + url + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }

    /**
     * True when the schema history lists exactly this build's migrations, every one applied: nothing
     * for Flyway to do, so start-up skips it (its class-path scan and validation cost about half a
     * second). One query; whatever else is found (no history yet, a failed or unknown migration, a new
     * one to apply) goes to Flyway, which migrates or explains. What this skips is the check that an
     * applied script was not edited since; Flyway still makes it at every start with something to apply.
     */
    boolean isCurrent(DatabaseUrl url) {
        pointAt(url);
        return isCurrent();
    }

    private boolean isCurrent() {
        Set<String> known = knownScripts();
        if (known.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
            return applied.equals(known);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The versioned migration scripts packaged with this build (file names, as Flyway records them). */
    static Set<String> knownScripts() {
        java.net.URL folder = Migrations.class.getClassLoader().getResource("db/migration");
        Set<String> scripts = new HashSet<>();
        try {
            if (folder == null) {
                return scripts;
            }
            if ("jar".equals(folder.getProtocol())) {
                java.util.jar.JarFile jar = ((java.net.JarURLConnection) folder.openConnection()).getJarFile();
                jar.stream().map(java.util.zip.ZipEntry::getName).filter(name -> name.startsWith("db/migration/"))
                        .map(name -> name.substring("db/migration/".length())).forEach(scripts::add);
            } else if ("file".equals(folder.getProtocol())) {
                try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder.toURI()))) {
                    files.map(file -> file.getFileName().toString()).forEach(scripts::add);
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            scripts.clear();
        }
        scripts.removeIf(name -> !name.matches("V[0-9][0-9_.]*__.+\\.sql"));
        return scripts;
    }

    /**
     * Migrates up to {@code target} only (a restore loads a backup into the schema it was taken
     * from, then migrates the rest of the way).
     */
    public void migrate(DatabaseUrl url, String target) {
        Flyway partial = Flyway.configure().configuration(flyway.getConfiguration()).target(target).load();
        pointAt(url);
        try {
            MigrateResult result = partial.migrate();
            LOG.info("event=database_migrated applied={} schema_version={}", result.migrationsExecuted, target);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot prepare the database at " + url + " at schema version " + target + ": "
                    + DatabaseErrors.rootMessage(e), e);
        }
    }

    /** The newest schema version this build knows (its last migration); Flyway reads the database to list them. */
    public String latestVersion(DatabaseUrl url) {
        pointAt(url);
        String latest = null;
        for (MigrationInfo migration : flyway.info().all()) {
            if (migration.getVersion() != null && migration.getState().isResolved()) {
                latest = migration.getVersion().getVersion();
            }
        }
        return latest;
    }

    /** Negative, zero or positive as schema version {@code a} is older than, the same as or newer than {@code b}. */
    public static int compareVersions(String a, String b) {
        return org.flywaydb.core.api.MigrationVersion.fromVersion(a).compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(b));
    }

    private void pointAt(DatabaseUrl url) {
        dataSource.setServerNames(new String[] {url.host()});
        dataSource.setPortNumbers(new int[] {url.port()});
        dataSource.setDatabaseName(url.database());
        dataSource.setUser(url.user());
        dataSource.setPassword(url.password());
    }
}
