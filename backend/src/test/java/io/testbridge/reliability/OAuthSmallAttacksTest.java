package io.testbridge.reliability;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.jirasim.TokenFamilyView;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Soon;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smaller attacks of issue 22 on the OAuth module: a verification code raced, secrets left in
 * abandoned flows, a disabled user's tokens, and flows started without end. Each test counts as
 * one attack tried; it holds when every assertion passes.
 */
class OAuthSmallAttacksTest {
    private static final String CLIENT = "small-app";
    private static final String SECRET = "small-app-secret";
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();
    private Simulator simulator;
    private Sql sql;
    private RunningApp app;
    private ApiClient admin;
    private long instanceId;

    @BeforeEach
    void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        DatabaseUrl database = TestDatabase.freshDatabase();
        sql = new Sql(database);
        app = RunningApp.start(database, Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl()));
        simulator.jira().registerClient(OAuthClientRegistration.cloud(CLIENT, SECRET, "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        admin = Fixtures.adminClient(app);
        instanceId = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        TRIED.incrementAndGet();
    }

    @AfterEach
    void stop() {
        try (Simulator jira = simulator) {
            app.close();
        }
    }

    @AfterAll
    static void report() {
        ReliabilityReport.write("oauth-small-attacks", new JsonObject().put("tried", TRIED.get()).put("held", HELD.get()));
    }

    private void connectInstance() {
        assertThat(new OAuthDriver(admin).connect(instanceId, CLIENT, SECRET, "alice", "acme").status()).isEqualTo(200);
    }

    @Test
    void a_verification_code_redeemed_by_eight_concurrent_requests_connects_once() throws Exception {
        OAuthDriver driver = new OAuthDriver(admin);
        ApiClient.Response page = driver.callback(driver.consent(instanceId, CLIENT, SECRET, "alice", "acme", JiraConsent.Decision.ACCEPT));
        String code = OAuthDriver.verificationCodeOn(page);

        List<ApiClient.Response> answers = concurrently(8, i -> driver.configure(instanceId, code));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        List<ApiClient.Response> refused = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(refused).hasSize(7).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.errorField()).isEqualTo("verificationCode");
        });
        assertThat(sql.count("SELECT count(*) FROM oauth_tokens WHERE instance_id = " + instanceId)).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'VERIFICATION_SUCCEEDED'")).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'ADMIN_CONNECTED'")).isEqualTo(1);
        assertThat(sql.column("SELECT status FROM oauth_flows")).containsExactly("COMPLETED");
        HELD.incrementAndGet();
    }

    private static final String SEALED = "(client_secret IS NOT NULL OR code_verifier IS NOT NULL OR token_set IS NOT NULL)";

    @Test
    void turning_oauth_off_leaves_no_sealed_secret_in_any_flow_abandoned_ones_included() {
        connectInstance();
        OAuthDriver driver = new OAuthDriver(admin);
        // abandoned on Jira's consent page, and abandoned with a verification code never pasted: both hold sealed values
        assertThat(driver.start(instanceId, CLIENT, SECRET).status()).isEqualTo(201);
        OAuthDriver.verificationCodeOn(driver.callback(driver.consent(instanceId, CLIENT, SECRET, "alice", "acme", JiraConsent.Decision.ACCEPT)));
        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE instance_id = " + instanceId + " AND " + SEALED)).isEqualTo(2);

        assertThat(admin.delete("/api/integrations/" + instanceId + "/oauth").status()).isEqualTo(200);

        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE instance_id = " + instanceId)).isEqualTo(3);
        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE " + SEALED)).isZero();
        assertThat(sql.column("SELECT status FROM oauth_flows WHERE completed_at IS NULL")).isEmpty();
        assertThat(sql.count("SELECT count(*) FROM oauth_clients")).isZero();
        assertThat(sql.count("SELECT count(*) FROM oauth_tokens")).isZero();
        HELD.incrementAndGet();
    }

    @Test
    void abandoned_flows_lose_their_secrets_when_they_expire_and_are_forgotten_a_day_later() {
        OAuthDriver driver = new OAuthDriver(admin);
        assertThat(driver.start(instanceId, CLIENT, SECRET).status()).isEqualTo(201);
        OAuthDriver.verificationCodeOn(driver.callback(driver.consent(instanceId, CLIENT, SECRET, "alice", "acme", JiraConsent.Decision.ACCEPT)));
        assertThat(app.application().discardAbandonedFlowsNow()).as("nothing has expired yet").isZero();
        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE " + SEALED)).isEqualTo(2);

        app.clock().advance(Duration.ofMinutes(11));
        assertThat(app.application().discardAbandonedFlowsNow()).isEqualTo(2);
        assertThat(sql.column("SELECT status FROM oauth_flows")).containsExactly("EXPIRED", "EXPIRED");
        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE " + SEALED)).isZero();

        app.clock().advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(app.application().discardAbandonedFlowsNow()).isEqualTo(2);
        assertThat(sql.count("SELECT count(*) FROM oauth_flows")).isZero();
        HELD.incrementAndGet();
    }

    /** Terry, a tester, authenticates with Jira as bob; returns terry's user id. */
    private long terryAuthenticatedAsBob() {
        long terry = Fixtures.createUser(admin, "terry", "terry password 1", "Tester");
        ApiClient tester = app.client();
        assertThat(tester.login("terry", "terry password 1").status()).isEqualTo(200);
        ApiClient.Response started = tester.post("/api/me/jira-connections/" + instanceId + "/flows", new JsonObject());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String redirect = new JiraConsent().decide(started.json().getString("authorizationUrl"), "bob", "acme", JiraConsent.Decision.ACCEPT);
        String code = OAuthDriver.verificationCodeOn(tester.open(redirect));
        ApiClient.Response done = tester.post("/api/me/jira-connections/" + instanceId + "/verification", new JsonObject().put("verificationCode", code));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return terry;
    }

    private int bobsRefreshCalls() {
        return simulator.jira().tokenFamilies().stream().filter(f -> "bob".equals(f.username())).mapToInt(TokenFamilyView::refreshCalls).sum();
    }

    /** The keep-alive refreshes tokens idle for 60 days: both clocks jump past that, and it runs now. */
    private int keepAliveSixtyOneDaysLater() {
        app.clock().advance(Duration.ofDays(61));
        simulator.jira().advanceClock(Duration.ofDays(61));
        return app.application().refreshIdleConnectionsNow();
    }

    @Test
    void a_disabled_users_jira_tokens_are_deleted_and_never_refreshed() {
        connectInstance();
        long terry = terryAuthenticatedAsBob();
        assertThat(sql.count("SELECT count(*) FROM oauth_tokens WHERE user_id = " + terry)).isEqualTo(1);

        assertThat(admin.patch("/api/users/" + terry, new JsonObject().put("disabled", true)).status()).isEqualTo(200);

        // the tokens go on the announcement of the disabling, after its commit: wait for that, within a bound
        assertThat(Soon.value(() -> sql.count("SELECT count(*) FROM oauth_tokens WHERE user_id = " + terry), 0L)).isZero();
        assertThat(sql.column("SELECT reason FROM oauth_history WHERE event_type = 'USER_DISCONNECTED'"))
                .singleElement().asString().contains("disabled").contains("Bob Tester");
        assertThat(keepAliveSixtyOneDaysLater()).as("only the administrator's connection").isEqualTo(1);
        assertThat(bobsRefreshCalls()).isZero();
        HELD.incrementAndGet();
    }

    @Test
    void the_keep_alive_never_refreshes_a_disabled_user_even_if_the_announcement_was_missed() {
        connectInstance();
        long terry = terryAuthenticatedAsBob();
        // as if the node that disabled terry died between the commit and the announcement
        sql.execute("UPDATE users SET disabled = true WHERE id = " + terry);

        assertThat(keepAliveSixtyOneDaysLater()).as("only the administrator's connection").isEqualTo(1);
        assertThat(bobsRefreshCalls()).isZero();
        assertThat(sql.count("SELECT count(*) FROM oauth_tokens WHERE user_id = " + terry)).isZero();
        HELD.incrementAndGet();
    }

    @Test
    void a_user_without_any_role_cannot_start_flows_without_end() {
        connectInstance();
        long rolf = Fixtures.createUser(admin, "rolf", "rolf password 1", null);
        ApiClient roleless = app.client();
        assertThat(roleless.login("rolf", "rolf password 1").status()).isEqualTo(200);
        String start = "/api/me/jira-connections/" + instanceId + "/flows";
        String pending = "SELECT count(*) FROM oauth_flows WHERE user_id = " + rolf + " AND status IN ('STARTED', 'AWAITING_VERIFICATION')";

        for (int i = 1; i <= 10; i++) {
            app.clock().advance(Duration.ofSeconds(1)); // the oldest pending flow is the one superseded
            ApiClient.Response started = roleless.post(start, new JsonObject());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            assertThat(sql.count(pending)).as("after start " + i).isEqualTo(Math.min(i, 3));
        }
        assertThat(sql.column("SELECT failure_reason FROM oauth_flows WHERE user_id = " + rolf + " AND status = 'FAILED'"))
                .hasSize(7).containsOnly("superseded by a newer attempt");

        ApiClient.Response refused = roleless.post(start, new JsonObject());
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
        assertThat(sql.count("SELECT count(*) FROM oauth_flows WHERE user_id = " + rolf)).isEqualTo(10);
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'CONNECT_STARTED' AND actor_user_id = " + rolf)).isEqualTo(10);

        app.clock().advance(Duration.ofMinutes(10));
        assertThat(roleless.post(start, new JsonObject()).status()).as("the window moved on").isEqualTo(201);
        HELD.incrementAndGet();
    }

    @Test
    void posting_wrong_verification_codes_cannot_flood_the_history() {
        OAuthDriver driver = new OAuthDriver(admin);
        String wrong = "0000-0000-0000-0000";
        String wrongCodes = "SELECT count(*) FROM oauth_history WHERE event_type = 'VERIFICATION_FAILED'";

        for (int i = 0; i < 40; i++) {
            ApiClient.Response refused = driver.configure(instanceId, wrong);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorField()).isEqualTo("verificationCode");
        }
        assertThat(sql.count(wrongCodes)).as("no flow waits: nothing to guess at, nothing written").isZero();

        ApiClient.Response page = driver.callback(driver.consent(instanceId, CLIENT, SECRET, "alice", "acme", JiraConsent.Decision.ACCEPT));
        String genuine = OAuthDriver.verificationCodeOn(page);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(driver.configure(instanceId, wrong).status());
        }
        assertThat(statuses.subList(0, 4)).containsOnly(400);
        assertThat(statuses.get(4)).as("the fifth wrong code ends the flow").isEqualTo(429);
        assertThat(statuses.subList(5, 40)).containsOnly(400);
        assertThat(sql.count(wrongCodes)).as("one row per attempt the flow allowed").isEqualTo(5);
        for (int i = 0; i < 40; i++) {
            ApiClient.Response replayed = driver.configure(instanceId, genuine);
            assertThat(replayed.status()).as("the flow ended with its fifth wrong code").isEqualTo(400);
            assertThat(replayed.body()).contains("already used or has been cancelled");
        }
        assertThat(sql.count(wrongCodes)).as("a replayed code changes no flow, so it writes nothing").isEqualTo(5);
        HELD.incrementAndGet();
    }

    @Test
    void the_oauth_history_is_kept_a_year_by_default_then_purged() {
        connectInstance();
        long yearOld = sql.count("SELECT count(*) FROM oauth_history");
        assertThat(yearOld).isPositive();

        app.clock().advance(Duration.ofDays(366));
        assertThat(Fixtures.adminClient(app).delete("/api/integrations/" + instanceId + "/oauth").status()).isEqualTo(200);

        assertThat(app.application().applyHistoryRetentionNow()).isEqualTo((int) yearOld);
        assertThat(sql.column("SELECT event_type FROM oauth_history")).containsExactly("OAUTH_DISABLED");
        HELD.incrementAndGet();
    }

    /** Runs the calls at once: every thread waits at a gate, so they reach the server together. */
    private static <T> List<T> concurrently(int count, IntFunction<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return call.apply(n);
                }, threads));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }
}
