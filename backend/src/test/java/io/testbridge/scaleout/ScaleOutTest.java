package io.testbridge.scaleout;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigLoader;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.Database;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.observability.Metrics;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Soon;
import io.testbridge.testing.TestClock;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Several nodes on one PostgreSQL: nothing a user needs lives in one node's memory, and background work runs once. */
class ScaleOutTest {
    private static final String SHARED_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void a_background_job_runs_exactly_once_per_period_across_two_nodes() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (RunningApp migrated = RunningApp.start(database, Map.of())) {
            assertThat(migrated.baseUrl()).isNotBlank(); // the schema exists now
        }
        AppConfig config = ConfigLoader.load(List.of(), Map.of());
        TestClock clock = new TestClock();
        Vertx first = Vertx.vertx();
        Vertx second = Vertx.vertx();
        try {
            Pool poolA = Database.pool(first, database, config);
            Pool poolB = Database.pool(second, database, config);
            PeriodicJobs nodeA = new PeriodicJobs(poolA, clock, Metrics.discarding());
            PeriodicJobs nodeB = new PeriodicJobs(poolB, clock, Metrics.discarding());
            Duration period = Duration.ofMinutes(15);
            int runs = 0;
            for (int p = 0; p < 10; p++) {
                List<Future<Boolean>> ticks = new ArrayList<>();
                for (int tick = 0; tick < 5; tick++) { // both nodes tick several times within the period
                    ticks.add(nodeA.claim("count-me", period));
                    ticks.add(nodeB.claim("count-me", period));
                }
                Future.all(ticks).toCompletionStage().toCompletableFuture().get();
                runs += (int) ticks.stream().filter(Future::result).count();
                clock.advance(period);
            }
            assertThat(runs).isEqualTo(10);
        } finally {
            first.close().toCompletionStage().toCompletableFuture().get();
            second.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void logging_out_or_disabling_a_user_on_one_node_ends_their_sessions_on_the_other_at_once() {
        DatabaseUrl database = TestDatabase.freshDatabase();
        Map<String, String> settings = Map.of("TESTBRIDGE_SECRET_KEY", SHARED_KEY);
        try (RunningApp nodeA = RunningApp.start(database, settings); RunningApp nodeB = RunningApp.start(database, settings)) {
            ApiClient adminOnA = Fixtures.adminClient(nodeA);
            Fixtures.createUser(adminOnA, "tess", "tester password 123", "Tester");

            ApiClient tessOnA = new ApiClient(nodeA.baseUrl());
            assertThat(tessOnA.login("tess", "tester password 123").status()).isEqualTo(200);
            ApiClient replayOnB = withCookiesOf(tessOnA, nodeB.baseUrl());
            assertThat(replayOnB.get("/api/me").status()).as("node B knows (and caches) the session").isEqualTo(200);
            assertThat(tessOnA.delete("/api/session").status()).isEqualTo(204);
            assertThat(statusSoon(replayOnB, "/api/me", 401)).as("the logged-out cookie, replayed on node B").isEqualTo(401);

            ApiClient tessAgain = new ApiClient(nodeA.baseUrl());
            assertThat(tessAgain.login("tess", "tester password 123").status()).isEqualTo(200);
            ApiClient tessOnB = tessAgain.rebase(nodeB.baseUrl());
            assertThat(tessOnB.get("/api/me").status()).isEqualTo(200);
            long tessId = tessOnB.get("/api/me").json().getJsonObject("user").getLong("id");
            assertThat(adminOnA.patch("/api/users/" + tessId, new JsonObject().put("disabled", true)).status()).isEqualTo(200);
            assertThat(statusSoon(tessOnB, "/api/me", 401)).as("a disabled user's session, on node B").isEqualTo(401);
        }
    }

    @Test
    void the_integrations_list_cached_on_one_node_shows_a_change_made_on_the_other() {
        DatabaseUrl database = TestDatabase.freshDatabase();
        Map<String, String> settings = Map.of("TESTBRIDGE_SECRET_KEY", SHARED_KEY);
        try (RunningApp nodeA = RunningApp.start(database, settings); RunningApp nodeB = RunningApp.start(database, settings)) {
            ApiClient adminOnA = Fixtures.adminClient(nodeA);
            long id = adminOnA.post("/api/integrations", new JsonObject().put("name", "Before").put("baseUrl", "http://127.0.0.1:1/two-nodes")
                    .put("deployment", "DATA_CENTER")).json().getLong("id");
            ApiClient adminOnB = adminOnA.rebase(nodeB.baseUrl());
            ApiClient.Response onB = adminOnB.get("/api/integrations");
            assertThat(onB.json().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("Before");
            assertThat(adminOnA.get("/api/integrations").headers().firstValue("ETag")).as("the same answer has the same tag on both nodes")
                    .isEqualTo(onB.headers().firstValue("ETag"));

            adminOnA.patch("/api/integrations/" + id, new JsonObject().put("name", "After"));

            assertThat(Soon.value(() -> adminOnB.get("/api/integrations").json().getJsonArray("items").getJsonObject(0).getString("name"), "After"))
                    .as("node B, which had the list cached").isEqualTo("After");
        }
    }

    /**
     * The status of GET {@code path} once it is {@code expected}, or the last one after 5 s. Node B
     * hears of the eviction a moment after node A answered; its test clock never moves, so without
     * the eviction its cached session would never expire.
     */
    private static int statusSoon(ApiClient client, String path, int expected) {
        return Soon.value(() -> client.get(path).status(), expected);
    }

    /** Another client holding the same cookies (as someone who copied them would), on another node. */
    private static ApiClient withCookiesOf(ApiClient original, String baseUrl) {
        ApiClient copy = new ApiClient(baseUrl);
        original.cookies().getCookieStore().getCookies()
                .forEach(cookie -> copy.cookies().getCookieStore().add(java.net.URI.create(baseUrl), cookie));
        return copy;
    }

    @Test
    void losing_a_node_loses_no_session_no_oauth_flow_and_no_history() {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (Simulator simulator = Simulator.start(List.of("http://127.0.0.1/unused"))) {
            Map<String, String> settings = Map.of(
                    "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                    "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl(),
                    "TESTBRIDGE_SECRET_KEY", SHARED_KEY);
            RunningApp nodeA = RunningApp.start(database, settings);
            try (RunningApp nodeB = RunningApp.start(database, settings)) {
                simulator.jira().registerClient(OAuthClientRegistration.cloud("ha-app", "ha-secret", "Testbridge",
                        List.of(nodeA.baseUrl() + "/oauth/callback", nodeB.baseUrl() + "/oauth/callback"),
                        Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
                ApiClient onA = Fixtures.adminClient(nodeA);
                long id = onA.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                        .put("deployment", "CLOUD")).json().getLong("id");
                String redirect = new OAuthDriver(onA).consent(id, "ha-app", "ha-secret", "alice", "acme", JiraConsent.Decision.ACCEPT);

                nodeA.close(); // node A dies between the consent and the callback

                ApiClient onB = onA.rebase(nodeB.baseUrl());
                assertThat(onB.get("/api/me").status()).as("the session lives in PostgreSQL").isEqualTo(200);
                String callbackOnB = nodeB.baseUrl() + redirect.substring(redirect.indexOf("/oauth/callback"));
                ApiClient.Response page = onB.open(callbackOnB);
                assertThat(page.status()).as("the flow's state lives in PostgreSQL: " + page.body()).isEqualTo(200);
                ApiClient.Response connected = new OAuthDriver(onB).configure(id, OAuthDriver.verificationCodeOn(page));
                assertThat(connected.status()).as(connected.body()).isEqualTo(200);
                assertThat(connected.json().getString("status")).isEqualTo("CONNECTED");
                assertThat(onB.get("/api/integrations/" + id + "/history?pageSize=50").json().getJsonArray("items").stream()
                        .map(row -> ((JsonObject) row).getString("eventType")))
                        .contains("INSTANCE_ADDED", "CONNECT_STARTED", "VERIFICATION_SUCCEEDED", "ADMIN_CONNECTED");
                assertThat(onB.get("/api/jira/" + id + "/projects").status()).as("tokens sealed by node A open on node B").isEqualTo(200);
            } finally {
                nodeA.close();
            }
        }
    }
}
