package io.testbridge.config;

import io.testbridge.Main;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad setting stops the process at once with one line that names the problem and exit code 2. */
class BadConfigurationTest {

    private record Outcome(int exitCode, String stderr) {
    }

    @Test
    void a_malformed_database_url_is_named() throws Exception {
        Outcome outcome = run(Map.of("TESTBRIDGE_DB_URL", "mysql://nobody@host/db"));
        assertFailsWithOneLine(outcome, "TESTBRIDGE_DB_URL is malformed");
    }

    @Test
    void an_unreachable_database_host_is_named() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Outcome outcome = run(Map.of("TESTBRIDGE_DB_URL", "postgresql://u:secret@127.0.0.1:" + closedPort + "/testbridge"));
        assertFailsWithOneLine(outcome, "Cannot prepare the database at postgresql://u@127.0.0.1:" + closedPort + "/testbridge");
        assertThat(outcome.stderr()).doesNotContain("secret");
    }

    @Test
    void a_port_in_use_is_named() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var db = TestDatabase.freshDatabase();
            Outcome outcome = run(Map.of(
                    "TESTBRIDGE_DB_URL", "postgresql://postgres@localhost:" + db.port() + "/" + db.database(),
                    "TESTBRIDGE_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertFailsWithOneLine(outcome, "Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void an_unwritable_data_dir_is_named() throws Exception {
        Path file = Files.createTempFile(RunningApp.newWorkDir("cfg"), "not-a-dir", ".txt");
        Outcome outcome = run(Map.of("TESTBRIDGE_DATA_DIR", file.resolve("data").toString()));
        assertFailsWithOneLine(outcome, "The data dir " + file.resolve("data") + " is not writable");
    }

    @Test
    void a_non_numeric_port_is_named() throws Exception {
        assertFailsWithOneLine(run(Map.of("TESTBRIDGE_HTTP_PORT", "eighty")), "TESTBRIDGE_HTTP_PORT must be a whole number");
    }

    private static void assertFailsWithOneLine(Outcome outcome, String expected) {
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        List<String> lines = outcome.stderr().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(outcome.stderr()).hasSize(1);
        assertThat(lines.get(0)).startsWith("testbridge: ").contains(expected);
    }

    /** Runs Main in a new JVM, as an operator would, with only these settings. */
    private static Outcome run(Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback.xml", Main.class.getName());
        builder.environment().keySet().removeIf(key -> key.startsWith("TESTBRIDGE_"));
        builder.environment().put("TESTBRIDGE_HTTP_HOST", "127.0.0.1");
        builder.environment().put("TESTBRIDGE_DB_CONNECT_TIMEOUT_SECONDS", "5");
        builder.environment().put("TESTBRIDGE_DATA_DIR", RunningApp.newWorkDir("bad-config").toString());
        builder.environment().putAll(settings);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Testbridge did not exit on bad configuration");
        }
        return new Outcome(process.exitValue(), stderr);
    }
}
