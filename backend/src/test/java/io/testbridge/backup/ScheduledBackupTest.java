package io.testbridge.backup;

import io.testbridge.db.backup.BackupFiles;
import io.testbridge.db.backup.BackupManifest;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestClock;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 30: the daily backup, "Back up now", the download from the System page, and what the page and the metrics show. */
class ScheduledBackupTest {
    private static final String METRICS_TOKEN = "scheduled-backup-metrics";

    @Test
    void the_daily_slot_is_the_latest_time_of_day_passed_and_is_due_until_a_scheduled_backup_started_after_it() {
        ZoneId zone = ZoneOffset.UTC;
        LocalTime at = LocalTime.of(2, 30);
        Instant beforeToday = Instant.parse("2026-12-03T01:00:00Z");
        Instant afterToday = Instant.parse("2026-12-03T09:00:00Z");
        assertThat(BackupSchedule.latestSlot(at, zone, beforeToday)).isEqualTo(Instant.parse("2026-12-02T02:30:00Z"));
        assertThat(BackupSchedule.latestSlot(at, zone, afterToday)).isEqualTo(Instant.parse("2026-12-03T02:30:00Z"));
        assertThat(BackupSchedule.nextSlot(at, zone, afterToday)).isEqualTo(Instant.parse("2026-12-04T02:30:00Z"));
        assertThat(BackupSchedule.due(at, zone, afterToday, Optional.empty())).as("never backed up: the missed slot now").isPresent();
        assertThat(BackupSchedule.due(at, zone, afterToday, Optional.of(Instant.parse("2026-12-03T02:30:05Z")))).isEmpty();
        assertThat(BackupSchedule.due(at, zone, afterToday, Optional.of(Instant.parse("2026-12-02T02:30:05Z")))).isPresent();
    }

    @Test
    void the_daily_backup_keeps_the_newest_few_and_the_system_page_shows_them_back_up_now_and_downloads() throws Exception {
        Path folder = RunningApp.newWorkDir("scheduled");
        TestClock clock = new TestClock();
        String aMinuteAgo = clock.instant().minusSeconds(60).atZone(ZoneId.systemDefault()).toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm"));
        Map<String, String> settings = new java.util.HashMap<>(Map.of("TESTBRIDGE_BACKUP_TIME", aMinuteAgo, "TESTBRIDGE_BACKUP_DIR", folder.toString(),
                "TESTBRIDGE_BACKUP_KEEP", "2", "TESTBRIDGE_METRICS", "token", "TESTBRIDGE_METRICS_TOKEN", METRICS_TOKEN));
        var database = TestDatabase.freshDatabase();
        settings.put("TESTBRIDGE_DB_URL", "postgresql://" + database.user() + ":" + java.net.URLEncoder.encode(database.password(),
                java.nio.charset.StandardCharsets.UTF_8) + "@" + database.host() + ":" + database.port() + "/" + database.database());
        try (RunningApp app = RunningApp.startWith(settings, clock)) {
            ApiClient admin = Fixtures.adminClient(app);
            JsonObject before = admin.get("/api/system/backups").json();
            assertThat(before.getString("dailyAt")).isEqualTo(aMinuteAgo);
            assertThat(Instant.parse(before.getString("nextRunAt"))).isAfter(clock.instant());
            assertThat(before.getString("folder")).isEqualTo(folder.toString());
            assertThat(before.getJsonArray("latest")).isEmpty();

            assertThat(app.application().takeScheduledBackupIfDueNow()).as("the slot a minute ago").isEqualTo(1);
            assertThat(app.application().takeScheduledBackupIfDueNow()).as("taken once a day").isZero();
            clock.advance(Duration.ofDays(1));
            assertThat(app.application().takeScheduledBackupIfDueNow()).isEqualTo(1);
            clock.advance(Duration.ofDays(1));
            assertThat(app.application().takeScheduledBackupIfDueNow()).isEqualTo(1);

            List<Path> files;
            try (Stream<Path> listed = Files.list(folder)) {
                files = listed.sorted().toList();
            }
            assertThat(files).as("the newest two kept").hasSize(2).allMatch(file -> file.getFileName().toString().endsWith(BackupFiles.SUFFIX));
            BackupManifest manifest = BackupFiles.readManifest(files.get(1));
            assertThat(manifest.tables().stream().map(BackupManifest.Table::name)).contains("users", "backup_runs", "test_cases");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(1)))).isEqualTo("rw-------");

            assertThat(admin.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).as("two days on, a new session").isEqualTo(200);
            JsonArray latest = admin.get("/api/system/backups").json().getJsonArray("latest");
            assertThat(latest).hasSize(3);
            JsonObject newest = latest.getJsonObject(0);
            assertThat(newest.getString("kind")).isEqualTo("SCHEDULED");
            assertThat(newest.getBoolean("succeeded")).isTrue();
            assertThat(newest.getString("file")).isEqualTo(files.get(1).getFileName().toString());
            assertThat(newest.getLong("bytes")).isEqualTo(Files.size(files.get(1)));
            assertThat(newest.getLong("rows")).isPositive();
            assertThat(newest.getString("message")).as(latest.encodePrettily()).contains("Deleted 1 older backup");

            // back up now: answered at once, the status shows it running, then its result
            long adminId = admin.get("/api/me").json().getJsonObject("user").getLong("id");
            ApiClient.Response started = admin.post("/api/system/backups", new JsonObject());
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            JsonObject manual = waitFor(admin, status -> status.getJsonArray("latest").stream().map(JsonObject.class::cast)
                    .filter(run -> run.getString("kind").equals("MANUAL")).findFirst());
            assertThat(manual.getBoolean("succeeded")).as(manual.encode()).isTrue();
            assertThat(manual.getLong("startedBy")).isEqualTo(adminId);

            Fixtures.createUser(admin, "tess", "tess password 12", "Tester");
            ApiClient tester = app.client();
            tester.login("tess", "tess password 12");
            assertThat(tester.get("/api/system/backups").status()).isEqualTo(403);
            assertThat(tester.post("/api/system/backups", new JsonObject()).status()).isEqualTo(403);
            assertThat(download(app, tester).statusCode()).isEqualTo(403);

            HttpResponse<Path> downloaded = download(app, admin);
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(downloaded.headers().firstValue("Content-Type")).contains("application/zip");
            assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment; filename=\"testbridge-");
            BackupManifest fromDownload = BackupFiles.readManifest(downloaded.body());
            assertThat(fromDownload.keyId()).isEqualTo(manifest.keyId());
            assertThat(fromDownload.totalRows()).isPositive();
            JsonObject recorded = waitFor(admin, status -> status.getJsonArray("latest").stream().map(JsonObject.class::cast)
                    .filter(run -> run.getString("kind").equals("DOWNLOAD")).findFirst());
            assertThat(recorded.getBoolean("succeeded")).isTrue();
            assertThat(recorded.getLong("rows")).isEqualTo(fromDownload.totalRows());

            HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.body()).contains("testbridge_backups_total{kind=\"scheduled\",outcome=\"succeeded\"} 3.0")
                    .contains("testbridge_backup_last_success_timestamp_seconds");
        }
    }

    private interface Finder {
        Optional<JsonObject> find(JsonObject status);
    }

    /** Reads the status until it shows what is looked for (the backup ends on a worker). */
    private static JsonObject waitFor(ApiClient admin, Finder finder) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> found = finder.find(admin.get("/api/system/backups").json());
            if (found.isPresent()) {
                return found.get();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a poll interval, not a guess at a duration
        }
        throw new AssertionError("the status never showed it");
    }

    private static HttpResponse<Path> download(RunningApp app, ApiClient client) throws Exception {
        Path file = RunningApp.newWorkDir("download").resolve("backup.tbbackup");
        return HttpClient.newBuilder().cookieHandler(client.cookies()).build().send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/system/backup-download")).build(), HttpResponse.BodyHandlers.ofFile(file));
    }
}
