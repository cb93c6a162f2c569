package io.testbridge.testing;

import io.testbridge.Application;
import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigLoader;
import io.testbridge.config.DatabaseUrl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real application on 127.0.0.1 and a free port, started the way Main starts it. */
public final class RunningApp implements AutoCloseable {
    private final Application application;
    private final TestClock clock;
    private final Path dataDir;

    private RunningApp(Application application, TestClock clock, Path dataDir) {
        this.application = application;
        this.clock = clock;
        this.dataDir = dataDir;
    }

    /** On a fresh database of the shared test PostgreSQL. */
    public static RunningApp start() {
        return start(TestDatabase.freshDatabase(), Map.of());
    }

    public static RunningApp start(DatabaseUrl database, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        String credentials = database.password().isEmpty() ? database.user()
                : database.user() + ":" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
        env.put("TESTBRIDGE_DB_URL", "postgresql://" + credentials + "@" + database.host() + ":" + database.port() + "/" + database.database());
        return startWith(env, new TestClock());
    }

    /** With exactly these settings (e.g. embedded mode with a data dir), on a free port of 127.0.0.1. */
    public static RunningApp startWith(Map<String, String> settings, TestClock clock) {
        Map<String, String> env = new HashMap<>(settings);
        env.putIfAbsent("TESTBRIDGE_HTTP_HOST", "127.0.0.1");
        env.putIfAbsent("TESTBRIDGE_HTTP_PORT", "0");
        Path dataDir = Path.of(env.computeIfAbsent("TESTBRIDGE_DATA_DIR", key -> newWorkDir("data").toString()));
        AppConfig config = ConfigLoader.load(List.of(), env);
        return new RunningApp(Application.start(config, clock), clock, dataDir);
    }

    public static Path newWorkDir(String prefix) {
        try {
            Path root = Path.of(System.getProperty("testbridge.test.workdir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + application.port();
    }

    public ApiClient client() {
        return new ApiClient(baseUrl());
    }

    public TestClock clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Application application() {
        return application;
    }

    @Override
    public void close() {
        application.stop();
    }
}
