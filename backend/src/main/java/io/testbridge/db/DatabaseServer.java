package io.testbridge.db;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the database lives: an external PostgreSQL named by {@code TESTBRIDGE_DB_URL}, or an
 * embedded one whose data directory persists under the data dir. Closing it stops the embedded
 * server (an external one is left alone).
 *
 * <p>The embedded server holds every Jira token and client secret, so it is locked down and
 * durable: it listens on loopback only and has no Unix socket, every connection needs the password
 * of {@link DatabasePassword} (scram-sha-256; the library's initdb trusts everyone), its binaries
 * are unpacked under the data dir rather than a shared temporary folder, and fsync and
 * synchronous_commit are on (the library turns both off, fit for tests, not for tokens).
 */
public final class DatabaseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final String EMBEDDED_DATABASE = "testbridge";
    private static final String SUPERUSER = "postgres";
    /** The first line of the pg_hba.conf Testbridge writes; its absence marks a data dir of an older version. */
    private static final String HBA_MARKER = "# Written by Testbridge: every connection needs the password in " + DatabasePassword.FILE;
    private static final String HBA = HBA_MARKER + """

            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;
    /** Crash recovery after a kill replays the WAL before the server answers. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final DatabaseUrl url;
    private final EmbeddedPostgres embedded;
    private final boolean runningTestbridges;

    private DatabaseServer(DatabaseUrl url, EmbeddedPostgres embedded) {
        this(url, embedded, false);
    }

    private DatabaseServer(DatabaseUrl url, EmbeddedPostgres embedded, boolean runningTestbridges) {
        this.url = url;
        this.embedded = embedded;
        this.runningTestbridges = runningTestbridges;
    }

    /**
     * For a command run beside Testbridge (backup, restore): the embedded server of a Testbridge
     * running on this data dir if there is one (left running on close), else as {@link #open}.
     */
    public static DatabaseServer openForCommand(AppConfig config) {
        if (config.databaseUrl().isEmpty()) {
            Optional<DatabaseUrl> running = runningEmbedded(config.dataDir());
            if (running.isPresent()) {
                return new DatabaseServer(running.get(), null, true);
            }
        }
        return open(config);
    }

    /** The embedded server a running Testbridge has started on this data dir: its port is in postmaster.pid. */
    static Optional<DatabaseUrl> runningEmbedded(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        Path passwordFile = dataDir.resolve(DatabasePassword.FILE);
        if (!Files.exists(pidFile) || !Files.exists(passwordFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            DatabaseUrl url = new DatabaseUrl("localhost", Integer.parseInt(lines.get(3).strip()), EMBEDDED_DATABASE, SUPERUSER,
                    DatabasePassword.readOrCreate(passwordFile));
            try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + url.port() + "/" + EMBEDDED_DATABASE
                    + "?connectTimeout=5", url.user(), url.password())) {
                return Optional.of(url);
            }
        } catch (IOException | NumberFormatException | SQLException stale) {
            // a pid file left by a server that is gone: the command starts its own
            return Optional.empty();
        }
    }

    /** Whether this is the embedded server of a Testbridge that is running now (another process's). */
    public boolean isRunningTestbridges() {
        return runningTestbridges;
    }

    public static DatabaseServer open(AppConfig config) {
        if (config.databaseUrl().isPresent()) {
            return new DatabaseServer(config.databaseUrl().get(), null);
        }
        return startEmbedded(config.dataDir(), 0);
    }

    /**
     * The embedded PostgreSQL of a data dir, in {@code <data dir>/postgres}.
     * @param port 0 for any free port (a test restarting the server after killing it keeps its port)
     */
    public static DatabaseServer startEmbedded(Path dataDir, int port) {
        Path directory = dataDir.resolve("postgres");
        Path binaries = dataDir.resolve("postgres-binaries");
        Path passwordFile = dataDir.resolve(DatabasePassword.FILE);
        createPrivateDirectory(directory);
        createPrivateDirectory(binaries);
        String password = DatabasePassword.readOrCreate(passwordFile);
        // the library runs initdb when there is no postgresql.conf: that new cluster gets the password
        // and Testbridge's pg_hba.conf before its first start; an existing one without them, after
        boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // a folder of its own, as the library deletes stale data directories it finds there, and
                    // inside ours (0700), as the library opens it to everyone's writes (fit for /tmp, its default)
                    .setOverrideWorkingDirectory(binaries.resolve("unpacked").toFile())
                    .setPgBinaryResolver(new BinariesUnder(binaries))
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("max_connections", "100")
                    // later on the command line than the library's -F, so they win over it
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(dir -> {
                        if (fresh) {
                            writeHba(dir.toPath());
                        }
                    })
                    // Testbridge stops it itself (Application.stop), after the HTTP servers have drained
                    // and Vert.x has closed its connections; the library's own JVM hook would stop it at
                    // the same time, under requests still in flight.
                    .setRegisterShutdownHook(false);
            if (fresh) {
                // the library passes its "locale" settings to initdb as --name=value: the password is set
                // before the server first listens, so there is no moment without one
                builder.setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (port != 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("The embedded PostgreSQL in " + directory + " did not start: "
                    + DatabaseErrors.rootMessage(e) + " (is another Testbridge using this data dir?)", e);
        }
        try {
            if (!fresh && !hbaIsOurs(directory)) {
                requirePassword(postgres, password, directory);
            }
            createDatabaseIfMissing(postgres);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        DatabaseUrl url = new DatabaseUrl("localhost", postgres.getPort(), EMBEDDED_DATABASE, SUPERUSER, password);
        LOG.info("event=embedded_database_started dir={} port={}", directory, postgres.getPort());
        return new DatabaseServer(url, postgres);
    }

    /**
     * A data dir of an older version trusted every local connection: it has just started that way
     * (as it always did), so the password is set now and pg_hba.conf rewritten and reloaded, and
     * start-up goes on only once a connection without the password is refused.
     */
    private static void requirePassword(EmbeddedPostgres postgres, String password, Path directory) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // the driver sends a SCRAM verifier, never the password itself
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            writeHba(directory);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new ConfigException("Cannot set the embedded database's password: " + e.getMessage(), e);
        }
        // the postmaster rereads pg_hba.conf on the signal pg_reload_conf sends, a moment later
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (acceptsWithoutPassword(postgres.getPort())) {
            if (System.nanoTime() > deadline) {
                throw new ConfigException("The embedded database in " + directory + " still accepts connections without a password.");
            }
            Thread.onSpinWait();
        }
        LOG.info("event=embedded_database_password_required dir={}", directory);
    }

    private static boolean acceptsWithoutPassword(int port) {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=" + SUPERUSER)) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static boolean hbaIsOurs(Path directory) {
        try {
            return Files.readString(directory.resolve("pg_hba.conf"), StandardCharsets.UTF_8).startsWith(HBA_MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeHba(Path directory) {
        try {
            Path temporary = Files.createTempFile(directory, ".pg_hba", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, HBA, StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException("Cannot write " + directory.resolve("pg_hba.conf") + ": " + e.getMessage());
        }
    }

    /** 0700 even if it existed before with more: it holds the server's binaries or its data. */
    private static void createPrivateDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new ConfigException("Cannot create the database folder " + directory + ": " + e.getMessage());
        }
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
        return embedded != null || runningTestbridges;
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

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("event=embedded_database_stop_failed reason={}", e.getMessage());
        }
    }

    /**
     * The library's binaries, unpacked under this folder. The library keeps one unpacked copy per
     * resolver for the whole JVM; a resolver per folder makes each data dir get its own.
     */
    private record BinariesUnder(Path folder) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
