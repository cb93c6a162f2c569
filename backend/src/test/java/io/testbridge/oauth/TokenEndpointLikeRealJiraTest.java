package io.testbridge.oauth;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.jirasim.FaultSpec;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token endpoints as real servers run them, beyond what Atlassian's happy path shows (issue 23):
 * HTTP Basic client authentication, answers without {@code scope}, proxy error pages, outages in a
 * token's last minute, and Data Center's check of the redirect URI used at consent.
 */
class TokenEndpointLikeRealJiraTest {
    private static final Set<String> CLOUD_SCOPES = Set.of("read:jira-work", "read:jira-user", "write:jira-work");
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'q');
    private static final String TOKEN_PATH = "/cloud/auth/oauth/token";
    private Simulator simulator;
    private DatabaseUrl database;
    private Sql sql;
    private RunningApp app;
    private ApiClient admin;
    private OAuthDriver driver;

    @BeforeEach
    void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        database = TestDatabase.freshDatabase();
        sql = new Sql(database);
        app = start(Map.of());
        admin = Fixtures.adminClient(app);
        driver = new OAuthDriver(admin);
    }

    private RunningApp start(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl(),
                "TESTBRIDGE_SECRET_KEY", SECRET_KEY,
                "TESTBRIDGE_JIRA_TIMEOUT_SECONDS", "2"));
        settings.putAll(more);
        return RunningApp.start(database, settings);
    }

    @AfterEach
    void stop() {
        app.close();
        simulator.close();
    }

    private long acme() {
        ApiClient.Response created = admin.post("/api/integrations", new JsonObject().put("name", "Acme")
                .put("baseUrl", simulator.jira().siteUrl("acme")).put("deployment", "CLOUD"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    private void register(OAuthClientRegistration client) {
        simulator.jira().registerClient(client);
    }

    private OAuthClientRegistration cloudApp(String id, String secret) {
        return OAuthClientRegistration.cloud(id, secret, "Testbridge", List.of(app.baseUrl() + "/oauth/callback"), CLOUD_SCOPES);
    }

    private long connectedAcme() {
        register(cloudApp("plain-app", "plain-secret"));
        long id = acme();
        ApiClient.Response connected = driver.connect(id, "plain-app", "plain-secret", "alice", "acme");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        return id;
    }

    private void advanceBothClocks(Duration duration) {
        app.clock().advance(duration);
        simulator.jira().advanceClock(duration);
    }

    private static String projects(long instanceId) {
        return "/api/jira/" + instanceId + "/projects";
    }

    private List<String> history(long instanceId, String eventType) {
        return sql.column("SELECT reason FROM oauth_history WHERE instance_id = " + instanceId + " AND event_type = '" + eventType + "' ORDER BY id");
    }

    @Test
    void a_token_endpoint_taking_only_http_basic_gets_the_secret_that_way_and_is_remembered() {
        // ':' and ' ' change under form encoding (RFC 6749 §2.3.1), so a client that skips it is refused
        String secret = "basic secret:+/= " + java.util.UUID.randomUUID();
        register(cloudApp("basic-app", secret).acceptingOnlyBasicAuthentication());
        long id = acme();

        ApiClient.Response connected = driver.connect(id, "basic-app", secret, "alice", "acme");

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().getString("status")).isEqualTo("CONNECTED");
        advanceBothClocks(Duration.ofHours(2));
        simulator.jira().resetCounters();
        ApiClient.Response afterRefresh = admin.get(projects(id));
        assertThat(afterRefresh.status()).as(afterRefresh.body()).isEqualTo(200);
        assertThat(simulator.jira().counters().count("POST", TOKEN_PATH)).as("the refresh goes straight to HTTP Basic").isEqualTo(1);
    }

    @Test
    void a_token_answer_without_scope_records_the_requested_scopes() {
        register(cloudApp("quiet-app", "quiet-secret").omittingScopeFromTokenAnswers());
        long id = acme();

        ApiClient.Response connected = driver.connect(id, "quiet-app", "quiet-secret", "alice", "acme");

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().getString("grantedScopes")).isNotNull()
                .contains("read:jira-work").contains("read:jira-user").contains("write:jira-work").contains("offline_access");
        assertThat(sql.column("SELECT scopes FROM oauth_tokens WHERE instance_id = " + id)).singleElement().asString().contains("write:jira-work");
    }

    @Test
    void an_html_page_from_a_proxy_at_the_token_endpoint_is_described_never_shown() {
        long id = connectedAcme();
        advanceBothClocks(Duration.ofHours(2));
        simulator.jira().faults().add(FaultSpec.htmlErrorPage(1, 502).onPathPrefix(TOKEN_PATH));

        ApiClient.Response refused = admin.get(projects(id));

        assertThat(refused.status()).isEqualTo(503);
        String message = refused.json().getJsonObject("error").getString("message");
        assertThat(message).contains("answered HTTP 502 with an HTML page (a proxy or gateway error), not OAuth JSON")
                .doesNotContain("<").doesNotContain("nginx");
        assertThat(history(id, "TOKEN_REFRESH_FAILED")).singleElement().asString()
                .contains("HTML page").doesNotContain("<").doesNotContain("nginx");

        // the code exchange says the same on the callback page and in the history
        simulator.jira().faults().add(FaultSpec.htmlErrorPage(1, 504).onPathPrefix(TOKEN_PATH));
        String redirect = driver.consent(id, "plain-app", "plain-secret", "alice", "acme", JiraConsent.Decision.ACCEPT);
        ApiClient.Response page = driver.callback(redirect);
        assertThat(page.body()).contains("answered HTTP 504 with an HTML page").doesNotContain("nginx");
        assertThat(history(id, "AUTHORIZATION_FAILED")).last().asString().contains("HTML page").doesNotContain("<").doesNotContain("nginx");
    }

    @Test
    void a_refresh_outage_in_the_last_minute_is_bridged_by_the_still_valid_access_token() {
        long id = connectedAcme();
        advanceBothClocks(Duration.ofSeconds(3600 - 30));
        simulator.jira().faults().add(FaultSpec.serverError(-1, 503).onPathPrefix(TOKEN_PATH));
        simulator.jira().resetCounters();

        ApiClient.Response stillValid = admin.get(projects(id));

        assertThat(stillValid.status()).as(stillValid.body()).isEqualTo(200);
        assertThat(simulator.jira().counters().count("POST", TOKEN_PATH)).as("a refresh was tried first").isGreaterThanOrEqualTo(1);
        advanceBothClocks(Duration.ofSeconds(31));
        ApiClient.Response expired = admin.get(projects(id));
        assertThat(expired.status()).as("an expired token is never used").isEqualTo(503);
        simulator.jira().faults().clear();
        assertThat(admin.get(projects(id)).status()).isEqualTo(200);
    }

    @Test
    void a_transient_refresh_failure_names_the_person_in_the_log_and_the_history() {
        long id = connectedAcme();
        advanceBothClocks(Duration.ofHours(2));
        simulator.jira().faults().add(FaultSpec.serverError(-1, 503).onPathPrefix(TOKEN_PATH));
        try (LogCapture logs = LogCapture.begin()) {
            assertThat(admin.get(projects(id)).status()).isEqualTo(503);
            advanceBothClocks(Duration.ofDays(70));
            assertThat(app.application().refreshIdleConnectionsNow()).isZero();

            assertThat(logs.lines()).filteredOn(line -> line.contains("event=token_refresh_failed")).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("user=" + Fixtures.ADMIN));
            assertThat(logs.lines()).filteredOn(line -> line.contains("event=keepalive_refresh_failed")).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("user=" + Fixtures.ADMIN));
        }
        assertThat(sql.column("SELECT actor_name FROM oauth_history WHERE event_type = 'TOKEN_REFRESH_FAILED'"))
                .isNotEmpty().containsOnly(Fixtures.ADMIN);
    }

    @Test
    void a_data_center_connection_keeps_refreshing_after_testbridge_moves_to_another_public_url() {
        simulator.jira().registerClient(OAuthClientRegistration.dataCenter("dc912", "dc-app", "dc-secret", "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), "WRITE"));
        ApiClient.Response created = admin.post("/api/integrations", new JsonObject().put("name", "DC")
                .put("baseUrl", simulator.jira().dcBaseUrl("dc912")).put("deployment", "DATA_CENTER"));
        long id = created.json().getLong("id");
        assertThat(driver.connect(id, "dc-app", "dc-secret", "bob", null).status()).isEqualTo(200);

        try (RunningApp moved = start(Map.of("TESTBRIDGE_PUBLIC_URL", "https://testbridge.example.com"))) {
            ApiClient adminOnMoved = admin.rebase(moved.baseUrl());
            assertThat(adminOnMoved.get("/api/integrations/" + id + "/oauth").json().getString("callbackUrl"))
                    .isEqualTo("https://testbridge.example.com/oauth/callback");
            moved.clock().advance(Duration.ofHours(2));
            simulator.jira().advanceClock(Duration.ofHours(2));

            ApiClient.Response afterRefresh = adminOnMoved.get(projects(id));

            assertThat(afterRefresh.status()).as(afterRefresh.body()).isEqualTo(200);
            assertThat(history(id, "TOKEN_REFRESHED")).hasSize(1);
        }
    }
}
