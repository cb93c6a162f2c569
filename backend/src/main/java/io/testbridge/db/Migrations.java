package io.testbridge.db;

import io.testbridge.config.ConfigException;
import io.testbridge.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Applies the schema migrations in {@code db/migration} before anything is served. */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Runs at start-up on the main thread (blocking JDBC, never on an event loop). */
    public static void migrate(DatabaseUrl url, Duration connectTimeout) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {url.host()});
        dataSource.setPortNumbers(new int[] {url.port()});
        dataSource.setDatabaseName(url.database());
        dataSource.setUser(url.user());
        dataSource.setPassword(url.password());
        dataSource.setConnectTimeout((int) connectTimeout.toSeconds());
        dataSource.setLoginTimeout((int) connectTimeout.toSeconds());
        dataSource.setApplicationName("testbridge-migrations");
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .connectRetries(0)
                    .load()
                    .migrate();
            LOG.info("event=database_migrated applied={} schema_version={}", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot prepare the database at " + url + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }
}
