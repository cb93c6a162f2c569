package io.testbridge.reliability;

import io.testbridge.Main;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of unauthenticated logins against the application at the heap the README runs it with:
 * Argon2 (19 MiB a computation) runs on a pool sized from that heap, the excess waits or is told
 * 503 with Retry-After, and nothing runs out of memory. Runs Main in its own JVM at -Xmx192m.
 */
class LoginFloodTest {
    private static final String HEAP = "-Xmx192m";
    private static final String METRICS_TOKEN = "login-flood-metrics-token";
    private static final int LOGINS = 200;

    @Test
    void two_hundred_concurrent_logins_at_192_mb_answer_401_or_503_and_never_run_out_of_memory() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        Path work = RunningApp.newWorkDir("login-flood");
        Path log = work.resolve("app.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback.xml", Main.class.getName());
        builder.environment().keySet().removeIf(key -> key.startsWith("TESTBRIDGE_"));
        builder.environment().putAll(Map.of(
                "TESTBRIDGE_DB_URL", "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/" + database.database(),
                "TESTBRIDGE_HTTP_HOST", "127.0.0.1",
                "TESTBRIDGE_HTTP_PORT", Integer.toString(port),
                "TESTBRIDGE_DATA_DIR", work.resolve("data").toString(),
                "TESTBRIDGE_INITIAL_ADMIN_USERNAME", "admin",
                "TESTBRIDGE_INITIAL_ADMIN_PASSWORD", "admin password 123",
                // the throttle would stop a flood from one address long before Argon2 is busy: this test is about the memory
                "TESTBRIDGE_LOGIN_MAX_FAILURES", "1000",
                "TESTBRIDGE_METRICS", "token",
                "TESTBRIDGE_METRICS_TOKEN", METRICS_TOKEN));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            waitUntilReady(http, base, process, log);

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                String body = new JsonObject().put("username", "someone" + i).put("password", "guess number " + i).encode();
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/session")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as(response.body()).isIn(401, 503);
                if (response.statusCode() == 503) {
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo("unavailable");
                }
            }
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Authorization", "Bearer " + METRICS_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("alive after the flood").isEqualTo(200);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).doesNotContain("OutOfMemoryError");
            long verified = counter(metrics, "testbridge_identity_password_verifications_total");
            assertThat(verified).as("every 401 was a real Argon2 check").isEqualTo((long) statuses.getOrDefault(401, 0));
            System.out.println("login flood at " + HEAP + ": " + statuses + ", Argon2 checks " + verified);
            ReliabilityReport.write("login-flood", new JsonObject().put("logins", LOGINS)
                    .put("answered401", statuses.getOrDefault(401, 0)).put("answered503", statuses.getOrDefault(503, 0))
                    .put("otherServerErrors", 0).put("outOfMemoryErrors", 0));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static long counter(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E]+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " in " + metrics).isTrue();
        return (long) Double.parseDouble(matcher.group(2));
    }

    private static void waitUntilReady(HttpClient http, String base, Process process, Path log) throws Exception {
        // polls readiness (the process says nothing else when it is up); bounded so a broken start fails the test
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Testbridge exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Testbridge did not become ready: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
