package io.testbridge.reliability;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the login: concurrent guessing past the limit, dodging the lock with another spelling
 * of the name, forging log lines through the username, and locking everyone out from behind the
 * reverse proxy. Each test is one attack tried, and held when its assertions pass.
 */
class LoginAttacksTest {
    private static final String METRICS_TOKEN = "login-attacks-metrics-token";
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void report() {
        ReliabilityReport.write("login-attacks", new JsonObject().put("attacks", TRIED.get()).put("held", HELD.get()));
    }

    private static RunningApp start(Map<String, String> settings) {
        return start(TestDatabase.freshDatabase(), settings);
    }

    private static RunningApp start(DatabaseUrl database, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("TESTBRIDGE_METRICS", "token");
        all.put("TESTBRIDGE_METRICS_TOKEN", METRICS_TOKEN);
        return RunningApp.start(database, all);
    }

    @Test
    void fifty_concurrent_wrong_guesses_for_one_account_on_two_nodes_check_at_most_the_limit() throws Exception {
        TRIED.incrementAndGet();
        DatabaseUrl database = TestDatabase.freshDatabase();
        Map<String, String> settings = Map.of("TESTBRIDGE_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "TESTBRIDGE_METRICS", "token", "TESTBRIDGE_METRICS_TOKEN", METRICS_TOKEN);
        try (RunningApp nodeA = RunningApp.start(database, settings); RunningApp nodeB = RunningApp.start(database, settings)) {
            Fixtures.adminClient(nodeA);
            long before = verifications(nodeA) + verifications(nodeB);
            List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                RunningApp node = i % 2 == 0 ? nodeA : nodeB;
                guesses.add(HTTP.sendAsync(loginRequest(node, null, Fixtures.ADMIN, "wrong guess " + i), HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> guess : guesses) {
                statuses.merge(guess.get().statusCode(), 1, Integer::sum);
            }
            long checked = verifications(nodeA) + verifications(nodeB) - before;
            System.out.println("50 concurrent wrong guesses on two nodes: " + statuses + ", Argon2 checks " + checked);
            assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(401, 429);
            assertThat(checked).as("Argon2 checks of 50 concurrent guesses, limit 5").isLessThanOrEqualTo(5);
            assertThat((long) statuses.get(401)).isEqualTo(checked);
            HELD.incrementAndGet();
        }
    }

    @Test
    void another_spelling_of_the_name_shares_the_accounts_lock_and_a_dotted_capital_i_is_refused() {
        TRIED.incrementAndGet();
        try (RunningApp app = start(Map.of())) {
            Fixtures.adminClient(app);
            ApiClient attacker = app.client();
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.login(i % 2 == 0 ? "ADMIN" : "Admin", "guess " + i).status()).isEqualTo(401);
            }
            assertThat(attacker.login("aDmIn", "guess 6").status()).isEqualTo(429);
            ApiClient.Response dotted = attacker.login("adm\u0130n", Fixtures.ADMIN_PASSWORD);
            assertThat(dotted.status()).as(dotted.body()).isEqualTo(400);
            assertThat(dotted.errorCode()).isEqualTo("invalid_request");
            assertThat(app.client().login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).as("admin while admin is locked").isEqualTo(429);
            HELD.incrementAndGet();
        }
    }

    @Test
    void a_username_with_cr_lf_is_refused_and_forges_no_log_line() {
        TRIED.incrementAndGet();
        try (RunningApp app = start(Map.of()); LogCapture logs = LogCapture.begin()) {
            Fixtures.adminClient(app);
            ApiClient.Response forged = app.client().login("x\r\nINFO event=login_succeeded forged=yes", "whatever it is");
            assertThat(forged.status()).as(forged.body()).isEqualTo(400);
            assertThat(forged.errorCode()).isEqualTo("invalid_request");
            assertThat(logs.lines()).noneMatch(line -> line.contains("forged=yes"));
            HELD.incrementAndGet();
        }
    }

    @Test
    void ten_thousand_failed_logins_through_a_trusted_proxy_leave_the_administrator_from_another_address_unaffected() throws Exception {
        TRIED.incrementAndGet();
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (RunningApp app = start(database, Map.of("TESTBRIDGE_TRUSTED_PROXIES", "127.0.0.1"))) {
            Fixtures.adminClient(app);
            // from the application's side every request comes from the proxy (127.0.0.1); the proxy says who sent it
            ExecutorService attackers = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                String forwardedFor = "6.6.6.6, 198.51.100." + (i % 10);
                String username = i % 3 == 0 ? "tester" : "user" + i;
                attempts.add(CompletableFuture.supplyAsync(() -> send(loginRequest(app, forwardedFor, username, "guess")).statusCode(), attackers));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<Integer> attempt : attempts) {
                statuses.merge(attempt.get(), 1, Integer::sum);
            }
            attackers.shutdown();
            assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(401, 429);
            System.out.println("10,000 failed logins behind a trusted proxy: " + statuses);

            HttpResponse<String> admin = send(loginRequest(app, "192.0.2.44", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD));
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            HttpResponse<String> attackerAsAdmin = send(loginRequest(app, "6.6.6.6, 198.51.100.3", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD));
            assertThat(attackerAsAdmin.statusCode()).as("the attacking address stays throttled").isEqualTo(429);

            // the flood's counters (one per name tried) are kept only while they can still matter
            Sql sql = new Sql(database);
            long counters = sql.count("SELECT count(*) FROM login_throttle");
            assertThat(counters).as("a counter per name and address tried").isGreaterThan(6_000);
            assertThat(app.application().forgetQuietLoginCountersNow()).as("all of them still count").isZero();
            app.clock().advance(Duration.ofMinutes(31)); // past the window and the longest lock
            assertThat(app.application().forgetQuietLoginCountersNow()).isEqualTo((int) counters);
            assertThat(sql.count("SELECT count(*) FROM login_throttle")).isZero();
            assertThat(send(loginRequest(app, "6.6.6.6, 198.51.100.3", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD)).statusCode())
                    .as("a lock is always temporary").isEqualTo(200);
            HELD.incrementAndGet();
        }
    }

    @Test
    void without_trusted_proxies_a_forwarded_for_header_is_not_believed() {
        TRIED.incrementAndGet();
        try (RunningApp app = start(Map.of())) {
            Fixtures.adminClient(app);
            for (int i = 0; i < 20; i++) {
                assertThat(send(loginRequest(app, "198.51.100." + i, "user" + i, "guess")).statusCode()).isEqualTo(401);
            }
            assertThat(send(loginRequest(app, "192.0.2.44", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD)).statusCode())
                    .as("the peer is the client, whatever it forwards").isEqualTo(429);
            HELD.incrementAndGet();
        }
    }

    private static HttpRequest loginRequest(RunningApp app, String forwardedFor, String username, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/session")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode()));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long verifications(RunningApp app) {
        String metrics = send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics")).header("Authorization", "Bearer " + METRICS_TOKEN).build()).body();
        Matcher matcher = Pattern.compile("(?m)^testbridge_identity_password_verifications_total(\\{[^}]*})? ([0-9.E]+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(2)) : 0;
    }
}
