package io.testbridge.backup;

import io.testbridge.BackupCommands;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.crypto.KeyStore;
import io.testbridge.db.DatabaseServer;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestClock;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 30: an online backup taken while people work, restored into a fresh embedded database with
 * the original key, and every file or target a restore must refuse.
 */
class BackupRestoreTest {
    private static final String CLIENT = "backup-app";
    private static final String SECRET = "backup-app-secret";
    private static Simulator simulator;
    private static DatabaseUrl source;
    private static RunningApp app;
    private static ApiClient admin;
    private static long cloud;
    private static long project;

    @BeforeAll
    static void fill() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        source = TestDatabase.freshDatabase();
        app = RunningApp.start(source, jiraSettings());
        simulator.jira().registerClient(OAuthClientRegistration.cloud(CLIENT, SECRET, "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        admin = Fixtures.adminClient(app);
        cloud = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        assertThat(new OAuthDriver(admin).connect(cloud, CLIENT, SECRET, "alice", "acme").status()).isEqualTo(200);
        project = admin.post("/api/projects", new JsonObject().put("key", "BAK").put("name", "Backed up").put("defaultInstanceId", cloud)
                .put("defaultJiraProject", "TB")).json().getLong("id");
        Fixtures.createUser(admin, "tess", "tess password 12", "Tester");
        ApiClient tester = testerOf(app);
        String link = tester.post("/api/me/jira-connections/" + cloud + "/flows", new JsonObject()).json().getString("authorizationUrl");
        String code = OAuthDriver.verificationCodeOn(tester.open(new JiraConsent().decide(link, "bob", "acme", JiraConsent.Decision.ACCEPT)));
        assertThat(tester.post("/api/me/jira-connections/" + cloud + "/verification", new JsonObject().put("verificationCode", code)).status())
                .isEqualTo(200);
        JsonArray caseIds = new JsonArray();
        for (int i = 0; i < 5; i++) {
            caseIds.add(newCase(admin, "Case " + i));
        }
        long cycle = admin.post("/api/projects/" + project + "/cycles", new JsonObject().put("name", "Sprint 1").put("build", "1.0"))
                .json().getLong("id");
        assertThat(admin.post("/api/cycles/" + cycle + "/cases", new JsonObject().put("caseIds", caseIds)).status()).isLessThan(300);
    }

    @AfterAll
    static void stop() {
        app.close();
        simulator.close();
    }

    private static Map<String, String> jiraSettings() {
        return Map.of("TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl());
    }

    private static ApiClient testerOf(RunningApp running) {
        ApiClient tester = running.client();
        assertThat(tester.login("tess", "tess password 12").status()).isEqualTo(200);
        return tester;
    }

    private static long newCase(ApiClient client, String title) {
        JsonArray steps = new JsonArray().add(new JsonObject().put("id", UUID.randomUUID().toString()).put("action", "Open")
                .put("data", "").put("expected", "It opens"));
        ApiClient.Response created = client.post("/api/projects/" + project + "/cases", new JsonObject().put("title", title).put("steps", steps));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    private static String dbUrl(DatabaseUrl url) {
        return "--db-url=postgresql://" + url.user() + ":" + URLEncoder.encode(url.password(), StandardCharsets.UTF_8) + "@" + url.host() + ":"
                + url.port() + "/" + url.database();
    }

    /** A command as the jar runs it; its printed lines and exit code. */
    private record Run(int exit, String out, String err) {
    }

    private static Run command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new BackupCommands(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Clock.systemUTC()).run(List.of(args));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path backupOfSource(String name) {
        Path file = RunningApp.newWorkDir("backups").resolve(name);
        Run backup = command("backup", "--to", file.toString(), dbUrl(source), "--data-dir=" + app.dataDir());
        assertThat(backup.exit()).as(backup.err()).isZero();
        return file;
    }

    /** A fresh data dir holding the source's key, as the restore drill says. */
    private static Path dataDirWithTheKey(String prefix) throws IOException {
        Path dataDir = RunningApp.newWorkDir(prefix);
        Files.copy(app.dataDir().resolve(KeyStore.KEY_FILE), dataDir.resolve(KeyStore.KEY_FILE));
        return dataDir;
    }

    @Test
    void a_backup_taken_while_sixteen_clients_write_restores_every_row_committed_before_it_began_and_a_working_jira_connection() throws Exception {
        Sql sourceSql = new Sql(source);
        List<String> tablesWithIds = sourceSql.column("""
                SELECT table_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND column_name = 'id' AND table_name IN
                       (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')""");
        Map<String, List<String>> idsBefore = new java.util.TreeMap<>();
        for (String table : tablesWithIds) {
            idsBefore.put(table, sourceSql.column("SELECT id FROM " + table));
        }
        assertThat(sourceSql.count("SELECT count(*) FROM oauth_tokens")).as("an admin's and a tester's token").isEqualTo(2);
        assertThat(idsBefore.get("oauth_history")).isNotEmpty();

        // sixteen people keep saving cases while the backup runs; each write's acknowledgement time is kept
        record Ack(String title, long at) {
        }
        List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            int writer = w;
            ApiClient client = Fixtures.adminClient(app);
            running.add(writers.submit(() -> {
                for (int n = 0; writing.get(); n++) {
                    String title = "writer " + writer + " case " + n;
                    newCase(client, title);
                    acks.add(new Ack(title, System.nanoTime()));
                }
            }));
        }
        while (acks.size() < 50) {
            Thread.onSpinWait();
        }
        Path file = RunningApp.newWorkDir("backups").resolve("online.tbbackup");
        long began = System.nanoTime();
        Run backup = command("backup", "--to", file.toString(), dbUrl(source), "--data-dir=" + app.dataDir());
        long backupEnded = System.nanoTime();
        writing.set(false);
        for (Future<?> writer : running) {
            writer.get();
        }
        // counted once the writers stopped: streaming the list while they still append to it throws
        long acksDuringBackup = acks.stream().filter(ack -> ack.at() > began && ack.at() <= backupEnded).count();
        writers.shutdown();
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up").contains("sealed with the key of id");
        assertThat(acksDuringBackup).as("the clients really wrote while the backup ran").isPositive();
        assertThat(PosixPermissions.of(file)).as("a backup holds password hashes and sealed secrets").isEqualTo("rw-------");
        List<String> committedBefore = acks.stream().filter(ack -> ack.at() < began).map(Ack::title).toList();
        assertThat(entriesContain(file, SECRET)).as("the client secret stays sealed in the file").isFalse();
        assertThat(entriesContain(file, "tess password 12")).isFalse();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("secret.key")).as("the key only when asked for").isNull();
        }

        Path restoredDir = dataDirWithTheKey("restored");
        Run restore = command("restore", "--from", file.toString(), "--data-dir=" + restoredDir);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored").contains("test_cases");

        try (DatabaseServer restored = DatabaseServer.startEmbedded(restoredDir, 0)) {
            Sql restoredSql = new Sql(restored.url());
            for (Map.Entry<String, List<String>> table : idsBefore.entrySet()) {
                assertThat(restoredSql.column("SELECT id FROM " + table.getKey())).as(table.getKey()).containsAll(table.getValue());
            }
            List<String> titles = restoredSql.column("SELECT title FROM test_cases");
            assertThat(titles).as("every case saved before the backup began").containsAll(committedBefore);
            long snapshotCases = Long.parseLong(manifestRows(file, "test_cases"));
            assertThat((long) titles.size()).as("exactly the snapshot's cases").isEqualTo(snapshotCases);
            long nextId = restoredSql.count("SELECT nextval(pg_get_serial_sequence('test_cases', 'id'))");
            assertThat(nextId).as("new ids after the restored ones").isGreaterThan(restoredSql.count("SELECT max(id) FROM test_cases"));
            assertThat(restoredSql.count("SELECT count(*) FROM test_cases WHERE search IS NULL")).as("generated columns computed again").isZero();
        }

        Map<String, String> settings = new java.util.HashMap<>(jiraSettings());
        settings.put("TESTBRIDGE_DATA_DIR", restoredDir.toString());
        try (RunningApp restoredApp = RunningApp.startWith(settings, new TestClock())) {
            ApiClient tester = testerOf(restoredApp);
            ApiClient.Response types = tester.get("/api/jira/" + cloud + "/projects/TB/issue-types");
            assertThat(types.status()).as("the tester's Jira token decrypts with the key: " + types.body()).isEqualTo(200);
            assertThat(types.json().getJsonArray("items")).isNotEmpty();
            ApiClient restoredAdmin = restoredApp.client();
            assertThat(restoredAdmin.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).isEqualTo(200);
            ApiClient.Response instance = restoredAdmin.get("/api/integrations/" + cloud);
            assertThat(instance.json().getString("status")).as(instance.body()).isEqualTo("CONNECTED");
        }
    }

    @Test
    void a_truncated_or_corrupted_file_a_newer_backup_a_foreign_key_and_a_non_empty_target_are_refused_and_change_nothing() throws Exception {
        Path good = backupOfSource("good.tbbackup");
        DatabaseUrl target = TestDatabase.freshDatabase();
        Sql targetSql = new Sql(target);
        String tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";
        Path keyDir = dataDirWithTheKey("target");

        byte[] bytes = Files.readAllBytes(good);
        Path truncated = good.resolveSibling("truncated.tbbackup");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Run refusedTruncated = command("restore", "--from", truncated.toString(), dbUrl(target), "--data-dir=" + keyDir);
        assertThat(refusedTruncated.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedTruncated.err()).contains("truncated or damaged");

        Path corrupted = rewritten(good, "corrupted.tbbackup", (name, content) -> {
            if (name.equals("tables/test_cases.pgcopy")) {
                content[content.length / 2] ^= 0x5A;
            }
            return content;
        }, false);
        Run refusedCorrupted = command("restore", "--from", corrupted.toString(), dbUrl(target), "--data-dir=" + keyDir);
        assertThat(refusedCorrupted.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedCorrupted.err()).contains("test_cases").contains("checksum");

        Path newer = rewritten(good, "newer.tbbackup", (name, content) -> name.equals("manifest.json")
                ? new JsonObject(new String(content, StandardCharsets.UTF_8)).put("schemaVersion", "999").put("testbridgeVersion", "9.9.9")
                        .encode().getBytes(StandardCharsets.UTF_8)
                : content, true);
        Run refusedNewer = command("restore", "--from", newer.toString(), dbUrl(target), "--data-dir=" + keyDir);
        assertThat(refusedNewer.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedNewer.err()).contains("Testbridge 9.9.9").contains("schema version 999").contains("or newer");

        Path otherKey = RunningApp.newWorkDir("other-key");
        Run refusedKey = command("restore", "--from", good.toString(), dbUrl(target), "--data-dir=" + otherKey);
        assertThat(refusedKey.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedKey.err()).contains("has no key");
        assertThat(otherKey.resolve(KeyStore.KEY_FILE)).as("no stray key made").doesNotExist();
        byte[] foreign = new byte[32];
        new java.security.SecureRandom().nextBytes(foreign);
        Files.writeString(otherKey.resolve(KeyStore.KEY_FILE), java.util.Base64.getEncoder().encodeToString(foreign) + "\n");
        Run refusedForeignKey = command("restore", "--from", good.toString(), dbUrl(target), "--data-dir=" + otherKey);
        assertThat(refusedForeignKey.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedForeignKey.err()).contains("this Testbridge's key is").contains("would never decrypt");
        assertThat(targetSql.count(tables)).as("nothing was created by a refused restore").isZero();

        Run restored = command("restore", "--from", good.toString(), dbUrl(target), "--data-dir=" + keyDir);
        assertThat(restored.exit()).as(restored.err()).isZero();
        String before = targetSql.dumpAllTables();
        Run refusedNonEmpty = command("restore", "--from", good.toString(), dbUrl(target), "--data-dir=" + keyDir);
        assertThat(refusedNonEmpty.exit()).isEqualTo(BackupCommands.REFUSED);
        assertThat(refusedNonEmpty.err()).contains("already holds data").contains("--replace");
        assertThat(targetSql.dumpAllTables()).as("the database as it was").isEqualTo(before);

        targetSql.execute("UPDATE test_cases SET title = 'Changed after the restore' WHERE title = 'Case 0'");
        Run replaced = command("restore", "--from", good.toString(), "--replace", dbUrl(target), "--data-dir=" + keyDir);
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(targetSql.column("SELECT title FROM test_cases")).contains("Case 0").doesNotContain("Changed after the restore");
    }

    @Test
    void a_backup_that_includes_its_key_restores_on_a_machine_with_nothing_else() throws Exception {
        Path file = RunningApp.newWorkDir("backups").resolve("with-key.tbbackup");
        Run backup = command("backup", "--to", file.toString(), "--include-key", dbUrl(source), "--data-dir=" + app.dataDir());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("includes the encryption key");

        Path bare = RunningApp.newWorkDir("bare");
        DatabaseUrl target = TestDatabase.freshDatabase();
        Run restore = command("restore", "--from", file.toString(), dbUrl(target), "--data-dir=" + bare);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Installed the backup's encryption key");
        Path key = bare.resolve(KeyStore.KEY_FILE);
        assertThat(Files.readString(key)).isEqualTo(Files.readString(app.dataDir().resolve(KeyStore.KEY_FILE)));
        assertThat(PosixPermissions.of(key)).isEqualTo("rw-------");
        assertThat(new Sql(target).count("SELECT count(*) FROM oauth_tokens")).isEqualTo(2);
    }

    @Test
    void beside_a_testbridge_running_on_its_embedded_database_a_backup_is_online_and_a_restore_is_refused() throws Exception {
        Path dataDir = RunningApp.newWorkDir("embedded-running");
        Path file = dataDir.resolveSibling(dataDir.getFileName() + ".tbbackup");
        try (RunningApp running = RunningApp.startWith(Map.of("TESTBRIDGE_DATA_DIR", dataDir.toString()), new TestClock())) {
            Fixtures.adminClient(running);
            Run backup = command("backup", "--to", file.toString(), "--data-dir=" + dataDir);
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).contains(", online)");
            assertThat(running.client().login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).as("the server went on serving").isEqualTo(200);

            Run restore = command("restore", "--from", file.toString(), "--replace", "--data-dir=" + dataDir);
            assertThat(restore.exit()).isEqualTo(BackupCommands.REFUSED);
            assertThat(restore.err()).contains("Testbridge is running on").contains("stop it");
        }
        // stopped: the command starts the data dir's own server, and restores over it when told to
        Run restore = command("restore", "--from", file.toString(), "--replace", "--data-dir=" + dataDir);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("users");
    }

    /** Whether any entry of the backup, unpacked, holds this text. */
    private static boolean entriesContain(Path file, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] content = in.readAllBytes();
                    for (int i = 0; i + needle.length <= content.length; i++) {
                        if (java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static String manifestRows(Path file, String table) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
            JsonObject manifest = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return manifest.getJsonArray("tables").stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals(table))
                    .findFirst().orElseThrow().getLong("rows").toString();
        }
    }

    private interface EntryEdit {
        byte[] apply(String name, byte[] content);
    }

    /** A copy of a backup with entries edited; with {@code resign}, the manifest's checksum made to match again. */
    private static Path rewritten(Path file, String name, EntryEdit edit, boolean resign) throws Exception {
        Path copy = file.resolveSibling(name);
        try (ZipFile zip = new ZipFile(file.toFile()); OutputStream out = Files.newOutputStream(copy); ZipOutputStream rewritten = new ZipOutputStream(out)) {
            byte[] manifest = null;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = edit.apply(entry.getName(), in.readAllBytes());
                }
                if (entry.getName().equals("manifest.json")) {
                    manifest = content;
                }
                if (resign && entry.getName().equals("manifest.sha256")) {
                    content = (HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest)) + "\n").getBytes(StandardCharsets.US_ASCII);
                }
                rewritten.putNextEntry(new ZipEntry(entry.getName()));
                rewritten.write(content);
                rewritten.closeEntry();
            }
        }
        return copy;
    }

    private static final class PosixPermissions {
        static String of(Path file) throws IOException {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        }
    }
}
