package io.testbridge.db;

import io.testbridge.config.ConfigException;
import io.testbridge.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

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
        try {
            MigrateResult result = flyway.migrate();
            LOG.info("event=database_migrated applied={} schema_version={}", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot prepare the database at " + url + ": " + DatabaseErrors.rootMessage(e), e);
        }
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
