package io.testbridge.db;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the database lives: an external PostgreSQL named by {@code TESTBRIDGE_DB_URL}, or an
 * embedded one whose data directory persists under the data dir. Closing it stops the embedded
 * server (an external one is left alone).
 */
public final class DatabaseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final String EMBEDDED_DATABASE = "testbridge";

    private final DatabaseUrl url;
    private final EmbeddedPostgres embedded;

    private DatabaseServer(DatabaseUrl url, EmbeddedPostgres embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    public static DatabaseServer open(AppConfig config) {
        if (config.databaseUrl().isPresent()) {
            return new DatabaseServer(config.databaseUrl().get(), null);
        }
        return startEmbedded(config.dataDir().resolve("postgres"));
    }

    private static DatabaseServer startEmbedded(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException("Cannot create the database folder " + directory + ": " + e.getMessage());
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    // Testbridge stops it itself (Application.stop), after the HTTP servers have drained
                    // and Vert.x has closed its connections; the library's own JVM hook would stop it at
                    // the same time, under requests still in flight.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("The embedded PostgreSQL in " + directory + " did not start: "
                    + DatabaseErrors.rootMessage(e) + " (is another Testbridge using this data dir?)", e);
        }
        DatabaseUrl url = new DatabaseUrl("localhost", postgres.getPort(), EMBEDDED_DATABASE, "postgres", "");
        createDatabaseIfMissing(postgres);
        LOG.info("event=embedded_database_started dir={} port={}", directory, postgres.getPort());
        return new DatabaseServer(url, postgres);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConfigException("Cannot create the embedded database: " + e.getMessage(), e);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
                LOG.info("event=embedded_database_stopped");
            } catch (IOException e) {
                LOG.warn("event=embedded_database_stop_failed reason={}", e.getMessage());
            }
        }
    }
}
