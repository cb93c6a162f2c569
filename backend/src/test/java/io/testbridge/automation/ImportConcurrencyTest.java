package io.testbridge.automation;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Soon;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At most two imports run at once on a node: two are held in the middle of recording (the test
 * holds the cycle's row lock they wait on), a third is answered 429 with Retry-After, and its
 * spooled file is deleted; once the lock is let go the two finish.
 */
class ImportConcurrencyTest {
    private static io.testbridge.config.DatabaseUrl database;
    private static RunningApp app;
    private static ApiClient tester;
    private static long projectId;

    @BeforeAll
    static void start() {
        database = TestDatabase.freshDatabase();
        app = RunningApp.start(database, Map.of());
        ApiClient admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "ines", "ines password 12", "Tester");
        tester = app.client();
        tester.login("ines", "ines password 12");
        projectId = admin.post("/api/projects", new JsonObject().put("key", "CONC").put("name", "Concurrent")).json().getLong("id");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ApiClient.Response upload(long cycleId, String name) {
        return tester.postStream("/api/projects/" + projectId + "/results?" + (cycleId == 0 ? "cycleName=Concurrent" : "cycleId=" + cycleId)
                + "&filename=" + name + ".xml",
                HttpRequest.BodyPublishers.ofString(ResultImportTest.junit("com.example." + name, Map.of("works", "pass"))), "application/xml", Map.of());
    }

    @Test
    void a_third_import_while_two_run_gets_429_with_retry_after_and_its_file_is_deleted() throws Exception {
        ApiClient.Response first = upload(0, "First");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long cycleId = first.json().getJsonObject("cycle").getLong("id");
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/" + database.database(), "postgres", "")) {
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                lock.execute("SELECT id FROM test_cycles WHERE id = " + cycleId + " FOR UPDATE");
            }
            CompletableFuture<ApiClient.Response> one = CompletableFuture.supplyAsync(() -> upload(cycleId, "One"));
            CompletableFuture<ApiClient.Response> two = CompletableFuture.supplyAsync(() -> upload(cycleId, "Two"));
            // both imports are in progress: waiting on the cycle's row, which this test holds
            assertThat(Soon.value(() -> waitingOnLocks(), 2)).as("imports waiting on the cycle's lock").isEqualTo(2);

            ApiClient.Response third = upload(cycleId, "Three");
            assertThat(third.status()).as(third.body()).isEqualTo(429);
            assertThat(third.errorCode()).isEqualTo("too_many_requests");
            assertThat(third.headers().firstValue("Retry-After").orElse(null)).isEqualTo("10");
            assertThat(third.json().getJsonObject("error").getString("message"))
                    .isEqualTo("This server is already importing 2 uploads of results, the most it reads at once; send this one again in 10 seconds.");
            assertThat(Soon.value(() -> spooled().size(), 2)).as("only the two running imports' files are left").isEqualTo(2);

            db.rollback();
            assertThat(one.get().status()).as(one.get().body()).isEqualTo(201);
            assertThat(two.get().status()).as(two.get().body()).isEqualTo(201);
        }
        assertThat(Soon.value(() -> spooled().size(), 0)).as("the upload folder is empty").isZero();
        assertThat(upload(cycleId, "Four").status()).as("the slots are free again").isEqualTo(201);
    }

    private static int waitingOnLocks() {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/" + database.database(), "postgres", "");
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> spooled() {
        Path folder = app.dataDir().resolve("uploads");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
