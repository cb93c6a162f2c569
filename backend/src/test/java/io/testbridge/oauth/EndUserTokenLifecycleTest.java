package io.testbridge.oauth;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.jirasim.FaultSpec;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.jirasim.TokenFamilyView;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Soon;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A tester authenticates as themself; their tokens refresh once at a time, survive rotation and outages. */
class EndUserTokenLifecycleTest {
    private static final String CLIENT = "lifecycle-app";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
    private Simulator simulator;
    private DatabaseUrl database;
    private Sql sql;
    private RunningApp app;
    private ApiClient tester;
    private long instanceId;

    @BeforeEach
    void connect() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        database = TestDatabase.freshDatabase();
        sql = new Sql(database);
        app = start();
        simulator.jira().registerClient(OAuthClientRegistration.cloud(CLIENT, "lifecycle-secret", "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        ApiClient admin = Fixtures.adminClient(app);
        instanceId = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        assertThat(new OAuthDriver(admin).connect(instanceId, CLIENT, "lifecycle-secret", "alice", "acme").status()).isEqualTo(200);
        Fixtures.createUser(admin, "terry", "terry password 1", "Tester");
        tester = app.client();
        tester.login("terry", "terry password 1");
    }

    private RunningApp start() {
        return RunningApp.start(database, Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl(),
                "TESTBRIDGE_SECRET_KEY", SECRET_KEY,
                "TESTBRIDGE_JIRA_TIMEOUT_SECONDS", "2"));
    }

    @AfterEach
    void stop() {
        app.close();
        simulator.close();
    }

    private String projectsPath() {
        return "/api/jira/" + instanceId + "/projects";
    }

    /** The "Authenticate with Jira" dialog, as the tester does it. */
    private void authenticate(ApiClient who, String jiraUser) {
        ApiClient.Response started = who.post("/api/me/jira-connections/" + instanceId + "/flows", new JsonObject());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String redirect = new JiraConsent().decide(started.json().getString("authorizationUrl"), jiraUser, "acme", JiraConsent.Decision.ACCEPT);
        String code = OAuthDriver.verificationCodeOn(who.open(redirect));
        ApiClient.Response done = who.post("/api/me/jira-connections/" + instanceId + "/verification", new JsonObject().put("verificationCode", code));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("status")).isEqualTo("CONNECTED");
    }

    private TokenFamilyView bobsFamily() {
        return simulator.jira().tokenFamilies().stream().filter(f -> "bob".equals(f.username()) && !f.revoked()).findFirst().orElseThrow();
    }

    private void advanceBothClocks(Duration duration) {
        app.clock().advance(duration);
        simulator.jira().advanceClock(duration);
    }

    @Test
    void a_tester_without_a_token_is_asked_to_authenticate_then_acts_as_themself() {
        ApiClient.Response first = tester.get(projectsPath());
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.errorCode()).isEqualTo("jira_auth_required");
        assertThat(first.json().getJsonObject("error").getLong("instanceId")).isEqualTo(instanceId);

        authenticate(tester, "bob");
        ApiClient.Response projects = tester.get(projectsPath());
        assertThat(projects.status()).as(projects.body()).isEqualTo(200);
        assertThat(projects.json().getJsonArray("items")).isNotEmpty();

        JsonObject mine = tester.get("/api/me/jira-connections").json().getJsonArray("items").getJsonObject(0);
        assertThat(mine.getString("jiraAccount")).isEqualTo("Bob Tester");
        assertThat(mine.getString("consentExpiresAt")).isNotNull();
        ApiClient admin = Fixtures.adminClient(app);
        assertThat(admin.get("/api/integrations/" + instanceId + "/connections").json().getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("jiraAccount"))).contains("Alice Admin", "Bob Tester");
        assertThat(sql.column("SELECT event_type FROM oauth_history WHERE instance_id = " + instanceId + " ORDER BY id DESC LIMIT 1"))
                .containsExactly("USER_AUTHENTICATED");

        assertThat(tester.delete("/api/me/jira-connections/" + instanceId).status()).isEqualTo(204);
        assertThat(tester.get(projectsPath()).errorCode()).isEqualTo("jira_auth_required");
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'USER_DISCONNECTED'")).isEqualTo(1);
    }

    @Test
    void a_warm_call_uses_the_token_kept_in_memory_until_any_node_changes_it() {
        authenticate(tester, "bob");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
        String terrysToken = "instance_id = " + instanceId + " AND user_id = (SELECT id FROM users WHERE username = 'terry')";
        String sealed = sql.column("SELECT access_token FROM oauth_tokens WHERE " + terrysToken).get(0);

        // the stored token made unreadable, unannounced: only a call that reads no SQL still works
        withoutAnnouncements(() -> sql.execute("UPDATE oauth_tokens SET access_token = 'not a sealed value' WHERE " + terrysToken));
        ApiClient.Response warm = tester.get(projectsPath());
        assertThat(warm.status()).as("answered with the token kept in memory: " + warm.body()).isEqualTo(200);
        withoutAnnouncements(() -> sql.execute("UPDATE oauth_tokens SET access_token = '" + sealed + "' WHERE " + terrysToken));

        // disconnected on another node: this one stops using the token as soon as PostgreSQL tells it
        try (RunningApp second = start()) {
            ApiClient testerOnSecond = tester.rebase(second.baseUrl());
            assertThat(testerOnSecond.get(projectsPath()).status()).isEqualTo(200);
            assertThat(testerOnSecond.delete("/api/me/jira-connections/" + instanceId).status()).isEqualTo(204);
            assertThat(Soon.value(() -> tester.get(projectsPath()).errorCode(), "jira_auth_required")).isEqualTo("jira_auth_required");
        }

        // marked for re-authentication by anything (an operator's SQL): the kept token goes too
        authenticate(tester, "bob");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
        sql.execute("UPDATE oauth_tokens SET status = 'NEEDS_REAUTHENTICATION' WHERE " + terrysToken);
        assertThat(Soon.value(() -> tester.get(projectsPath()).errorCode(), "jira_auth_required")).isEqualTo("jira_auth_required");
    }

    /** A change PostgreSQL does not announce, as if a node had missed it. */
    private void withoutAnnouncements(Runnable change) {
        sql.execute("ALTER TABLE oauth_tokens DISABLE TRIGGER USER");
        try {
            change.run();
        } finally {
            sql.execute("ALTER TABLE oauth_tokens ENABLE TRIGGER USER");
        }
    }

    @Test
    void two_hundred_concurrent_calls_with_an_expired_token_make_exactly_one_refresh_even_on_two_nodes() throws Exception {
        authenticate(tester, "bob");
        advanceBothClocks(Duration.ofHours(2));
        try (RunningApp second = start()) {
            second.clock().advance(Duration.ofHours(2));
            ApiClient testerOnSecond = tester.rebase(second.baseUrl());
            simulator.jira().resetCounters();
            String family = bobsFamily().id();
            List<Integer> statuses = concurrently(200, i -> (i % 2 == 0 ? tester : testerOnSecond).get(projectsPath()).status());
            assertThat(statuses).hasSize(200).containsOnly(200);
            assertThat(simulator.jira().refreshCalls(family)).isEqualTo(1);
        }
    }

    @Test
    void a_revoked_token_family_asks_for_authentication_again_and_then_works() {
        authenticate(tester, "bob");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
        simulator.jira().revokeUserTokens("bob", CLIENT);

        ApiClient.Response refused = tester.get(projectsPath());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("jira_auth_required");
        assertThat(sql.column("SELECT event_type FROM oauth_history WHERE instance_id = " + instanceId)).contains("NEEDS_REAUTHENTICATION");
        assertThat(tester.get("/api/me/jira-connections").json().getJsonArray("items").getJsonObject(0).getString("status"))
                .isEqualTo("NEEDS_REAUTHENTICATION");

        authenticate(tester, "bob");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
    }

    @Test
    void token_endpoint_outages_keep_the_connection_and_a_later_refresh_succeeds() {
        authenticate(tester, "bob");
        advanceBothClocks(Duration.ofHours(2));
        simulator.jira().faults().add(FaultSpec.serverError(1, 503).onPathPrefix("/cloud/auth/oauth/token"));
        ApiClient.Response outage = tester.get(projectsPath());
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.errorCode()).isEqualTo("jira_unavailable");

        simulator.jira().faults().add(FaultSpec.latency(Duration.ofSeconds(3)).onPathPrefix("/cloud/auth/oauth/token").times(1));
        ApiClient.Response slow = tester.get(projectsPath());
        assertThat(slow.status()).isEqualTo(503);

        assertThat(tester.get("/api/me/jira-connections").json().getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("CONNECTED");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
        assertThat(sql.column("SELECT reason FROM oauth_history WHERE event_type = 'TOKEN_REFRESH_FAILED'"))
                .allSatisfy(reason -> assertThat(reason).startsWith("transient"));
    }

    @Test
    void a_simulated_year_of_use_needs_no_new_consent() {
        authenticate(tester, "bob");
        for (int month = 0; month < 14; month++) {
            advanceBothClocks(Duration.ofDays(25));
            tester.login("terry", "terry password 1"); // Testbridge sessions last a week; the Jira connection a year
            ApiClient.Response call = tester.get(projectsPath());
            assertThat(call.status()).as("after " + (month + 1) * 25 + " days: " + call.body()).isEqualTo(200);
        }
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'NEEDS_REAUTHENTICATION'")).isZero();
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'TOKEN_REFRESHED'")).isGreaterThanOrEqualTo(14);
    }

    @Test
    void an_idle_connection_is_kept_alive_past_the_ninety_day_inactivity_expiry() {
        authenticate(tester, "bob");
        assertThat(tester.get(projectsPath()).status()).isEqualTo(200);
        advanceBothClocks(Duration.ofDays(70));
        assertThat(app.application().refreshIdleConnectionsNow()).as("bob's and the admin's connection").isEqualTo(2);
        advanceBothClocks(Duration.ofDays(40));
        tester.login("terry", "terry password 1");
        ApiClient.Response call = tester.get(projectsPath());
        assertThat(call.status()).as("110 days after the last use: " + call.body()).isEqualTo(200);
    }

    private static List<Integer> concurrently(int count, java.util.function.IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(CompletableFuture.supplyAsync(() -> call.apply(n), pool));
            }
            List<Integer> results = new ArrayList<>();
            for (CompletableFuture<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
