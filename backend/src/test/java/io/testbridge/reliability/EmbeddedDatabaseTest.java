package io.testbridge.reliability;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.DatabasePassword;
import io.testbridge.db.DatabaseServer;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Sql;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL as a local attacker finds it: password only, loopback only, durable. */
class EmbeddedDatabaseTest {

    @Test
    void the_embedded_database_refuses_connections_without_the_password_and_runs_with_fsync_and_synchronous_commit() throws Exception {
        Path dataDir = RunningApp.newWorkDir("embedded-db");
        try (DatabaseServer server = DatabaseServer.startEmbedded(dataDir, 0)) {
            DatabaseUrl url = server.url();
            List<String> accepted = new ArrayList<>();
            int tried = 0;
            for (String user : List.of(System.getProperty("user.name"), "postgres")) {
                for (String host : List.of("localhost", "127.0.0.1")) {
                    for (String database : List.of("postgres", url.database())) {
                        tried++;
                        String attempt = "jdbc:postgresql://" + host + ":" + url.port() + "/" + database + "?user=" + user;
                        if (connects(attempt, null)) {
                            accepted.add(attempt);
                        }
                        tried++;
                        if (connects(attempt, "postgres")) {
                            accepted.add(attempt + " with a guessed password");
                        }
                    }
                }
            }
            assertThat(accepted).as("connections without the password").isEmpty();
            assertThat(Path.of("/tmp/.s.PGSQL." + url.port())).as("no world-reachable socket").doesNotExist();
            try (Stream<Path> files = Files.list(dataDir.resolve("postgres"))) {
                assertThat(files.map(path -> path.getFileName().toString())).as("no socket at all").noneMatch(name -> name.startsWith(".s.PGSQL"));
            }

            Map<String, String> settings = settings(url);
            assertThat(settings).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                    .containsEntry("listen_addresses", "localhost").containsEntry("unix_socket_directories", "")
                    .containsEntry("password_encryption", "scram-sha-256");
            String passwordMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(DatabasePassword.FILE)));
            assertThat(passwordMode).as("the password file, beside the key").isEqualTo("rw-------");
            assertThat(Files.readString(dataDir.resolve(DatabasePassword.FILE)).strip()).isEqualTo(url.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres")))).isEqualTo("rwx------");
            Path binaries = dataDir.resolve("postgres-binaries");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
            try (Stream<Path> unpacked = Files.list(binaries.resolve("unpacked"))) {
                assertThat(unpacked).as("the binaries, unpacked under the data dir").anyMatch(dir -> Files.isExecutable(dir.resolve("bin/postgres")));
            }

            ReliabilityReport.write("embedded-database", new JsonObject().put("passwordlessTried", tried).put("passwordlessAccepted", accepted.size())
                    .put("fsync", settings.get("fsync")).put("synchronousCommit", settings.get("synchronous_commit"))
                    .put("passwordFileMode", passwordMode));
        }
    }

    @Test
    void a_data_dir_of_an_older_version_gets_the_password_on_its_first_start_and_keeps_its_data() throws Exception {
        Path dataDir = RunningApp.newWorkDir("embedded-db-upgrade");
        // what the versions before trusted every local connection looked like
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres")).setCleanDataDirectory(false).start();
             Connection connection = older.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE testbridge");
            try (Connection testbridge = older.getDatabase("postgres", "testbridge").getConnection(); Statement create = testbridge.createStatement()) {
                create.execute("CREATE TABLE kept (name text)");
                create.execute("INSERT INTO kept VALUES ('from the older version')");
            }
        }
        assertThat(dataDir.resolve(DatabasePassword.FILE)).doesNotExist();

        for (int start = 1; start <= 2; start++) {
            try (DatabaseServer server = DatabaseServer.startEmbedded(dataDir, 0)) {
                DatabaseUrl url = server.url();
                assertThat(connects("jdbc:postgresql://localhost:" + url.port() + "/testbridge?user=postgres", null))
                        .as("start " + start + ": a connection without the password").isFalse();
                assertThat(new Sql(url).column("SELECT name FROM kept")).as("start " + start).containsExactly("from the older version");
                assertThat(settings(url)).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
            }
        }
    }

    private static boolean connects(String jdbcUrl, String password) {
        try (Connection ignored = password == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl + "&password=" + password)) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static Map<String, String> settings(DatabaseUrl url) {
        List<String> rows = new Sql(url).column("SELECT name || '=' || setting FROM pg_settings WHERE name IN "
                + "('fsync', 'synchronous_commit', 'listen_addresses', 'unix_socket_directories', 'password_encryption')");
        return rows.stream().map(row -> row.split("=", 2)).collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
