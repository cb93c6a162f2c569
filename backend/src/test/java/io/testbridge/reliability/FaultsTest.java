package io.testbridge.reliability;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.DatabaseServer;
import io.testbridge.jirasim.FaultSpec;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Soon;
import io.testbridge.testing.Sql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Jira misbehaving in every documented way, and PostgreSQL killed under load. */
class FaultsTest {

    @Test
    void jira_faults_give_bounded_answers_in_the_error_shape_and_health_stays_true() {
        int faults = 0;
        long slowest = 0;
        try (Fixtures.CloudInstance acme = Fixtures.cloudInstance(Map.of("TESTBRIDGE_JIRA_TIMEOUT_SECONDS", "1"))) {
            acme.connect();
            Simulator simulator = acme.simulator();
            ApiClient admin = acme.admin();
            String projects = "/api/jira/" + acme.id() + "/projects";
            String api = "/cloud/api/ex/jira/";

            record Case(String name, FaultSpec fault, int status, String code, String messagePart) {
            }
            List<Case> cases = List.of(
                    // a call past the deadline is not repeated: one slow answer is enough
                    new Case("slow beyond the timeout", FaultSpec.latency(Duration.ofMillis(1_500)).onPathPrefix(api).times(1), 503, "jira_unavailable", "within 1 s"),
                    new Case("5xx", FaultSpec.serverError(3, 502).onPathPrefix(api), 503, "jira_unavailable", "HTTP 502"),
                    new Case("HTML error page", FaultSpec.htmlErrorPage(3, 503).onPathPrefix(api), 503, "jira_unavailable", "web page"),
                    new Case("connection reset", FaultSpec.connectionReset(3).onPathPrefix(api), 503, "jira_unavailable", "Could not reach"),
                    new Case("429 storm", FaultSpec.rateLimit(10, 1).onPathPrefix(api), 429, "too_many_attempts", "rate-limiting"));
            for (Case fault : cases) {
                simulator.jira().faults().add(fault.fault());
                faults++;
                long started = System.nanoTime();
                ApiClient.Response response = admin.get(projects);
                slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - started).toMillis());
                simulator.jira().faults().clear();
                assertThat(response.status()).as(fault.name() + ": " + response.body()).isEqualTo(fault.status());
                assertThat(response.errorCode()).as(fault.name()).isEqualTo(fault.code());
                assertThat(response.json().getJsonObject("error").getString("message")).as(fault.name()).contains(fault.messagePart());
                assertThat(admin.get("/health").status()).as("Jira's trouble is not Testbridge's").isEqualTo(200);
                assertThat(admin.get(projects).status()).as("recovered after " + fault.name()).isEqualTo(200);
            }
            simulator.jira().faults().add(FaultSpec.rateLimit(2, 0).onPathPrefix(api));
            faults++;
            assertThat(admin.get(projects).status()).as("a 429 burst whose Retry-After fits in the timeout is waited out").isEqualTo(200);
        }
        ReliabilityReport.write("jira-faults", new JsonObject().put("faults", faults).put("slowestAnswerMs", slowest));
    }

    @Test
    void stopping_lets_a_request_that_waits_on_jira_finish_with_its_answer() throws Exception {
        try (Fixtures.CloudInstance acme = Fixtures.cloudInstance(Map.of())) {
            acme.connect();
            Simulator simulator = acme.simulator();
            ApiClient admin = acme.admin();
            String api = "/cloud/api/ex/jira/";
            long callsBefore = simulator.jira().counters().countWithPrefix(api);
            simulator.jira().faults().add(FaultSpec.latency(Duration.ofMillis(1_500)).onPathPrefix(api).times(1));

            var inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> admin.get("/api/jira/" + acme.id() + "/projects"));
            waitFor(() -> simulator.jira().counters().countWithPrefix(api) > callsBefore);
            acme.app().application().stop();

            ApiClient.Response answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.status()).as("the request Jira was still answering when the stop began: " + answer.body()).isEqualTo(200);
            assertThat(answer.json().getJsonArray("items")).isNotEmpty();
        }
    }

    @Test
    void postgresql_killed_under_load_loses_no_acknowledged_write_and_health_tells_the_truth() throws Exception {
        // the embedded server as the application runs it (password, fsync, synchronous_commit), on its own data dir
        Path dataDir = RunningApp.newWorkDir("restart-pg");
        DatabaseServer postgres = DatabaseServer.startEmbedded(dataDir, 0);
        DatabaseUrl url = postgres.url();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger failedWrites = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        long recoveryMs;
        boolean sawDown = false;
        int killed;
        try (RunningApp app = RunningApp.start(url, Map.of("TESTBRIDGE_DB_CONNECT_TIMEOUT_SECONDS", "2"))) {
            ApiClient admin = Fixtures.adminClient(app);
            List<Thread> writers = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
                        String name = "role-" + writer + "-" + i;
                        ApiClient.Response response = admin.post("/api/roles", new JsonObject().put("name", name).put("rights", new JsonArray()));
                        if (response.status() == 201) {
                            acknowledged.add(name);
                        } else {
                            failedWrites.incrementAndGet();
                            if (response.status() != 503 || !"unavailable".equals(response.errorCode())) {
                                unexpected.add(response.status() + " " + response.body());
                            }
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            waitFor(() -> acknowledged.size() >= 20);
            killed = killPostgres(dataDir.resolve("postgres"));
            // probes are answered from a check a timer runs every second
            sawDown = Soon.value(() -> admin.get("/health").status(), 503) == 503;
            // the library's stop finds nothing to stop; this releases its lock on the data dir
            postgres.close();
            long restarted = System.nanoTime();
            postgres = DatabaseServer.startEmbedded(dataDir, url.port());
            int before = acknowledged.size();
            waitFor(() -> admin.get("/health").status() == 200 && acknowledged.size() > before);
            recoveryMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
            running.set(false);
            for (Thread thread : writers) {
                thread.join(60_000);
            }
        } finally {
            running.set(false);
        }
        Sql sql = new Sql(url);
        List<String> stored = sql.column("SELECT name FROM roles");
        List<String> lost = acknowledged.stream().filter(name -> !stored.contains(name)).toList();
        postgres.close();
        ReliabilityReport.write("database-restart", new JsonObject().put("acknowledgedWrites", acknowledged.size())
                .put("refusedWrites", failedWrites.get()).put("lostWrites", lost.size()).put("recoveryMs", recoveryMs).put("healthSawDown", sawDown)
                .put("stoppedBy", "SIGKILL").put("processesKilled", killed));
        assertThat(sawDown).as("/health said DOWN while the database was away").isTrue();
        assertThat(unexpected).as("refused writes answer 503 unavailable").isEmpty();
        assertThat(lost).as("acknowledged writes missing after the kill").isEmpty();
        assertThat(recoveryMs).as("recovery (a figure for the summary; 10 s is the goal)").isPositive();
    }

    /**
     * SIGKILL to the postmaster (its pid is the first line of postmaster.pid) and to every process it
     * started, as a crash or the OOM killer would leave it: nothing is flushed, no checkpoint is written.
     * Its children are killed too: left alone, they hold the shared memory the next start needs.
     * @return how many processes were killed
     */
    private static int killPostgres(Path dataDirectory) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster with pid " + pid));
        List<ProcessHandle> processes = new ArrayList<>(List.of(postmaster));
        processes.addAll(postmaster.descendants().toList());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        return processes.size();
    }

    /** Polls a condition that an event will make true (bounded, so a broken system fails instead of hanging). */
    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 60 s");
            }
            Thread.onSpinWait();
        }
    }
}
