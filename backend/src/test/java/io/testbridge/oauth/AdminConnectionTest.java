package io.testbridge.oauth;

import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Flow 2 of the spec against the simulated Jira: every step, and every way it can go wrong. */
class AdminConnectionTest {
    private static final Set<String> CLOUD_SCOPES = Set.of("read:jira-work", "read:jira-user", "write:jira-work");
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient admin;
    private static OAuthDriver driver;
    private static io.testbridge.config.DatabaseUrl database;
    private static int clients;

    private static io.testbridge.testing.LogCapture logs;

    @BeforeAll
    static void start() {
        logs = io.testbridge.testing.LogCapture.begin();
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        database = TestDatabase.freshDatabase();
        app = RunningApp.start(database, Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl()));
        admin = Fixtures.adminClient(app);
        driver = new OAuthDriver(admin);
    }

    @AfterAll
    static void stop() {
        app.close();
        simulator.close();
        logs.close();
    }

    private static String callbackUrl() {
        return app.baseUrl() + "/oauth/callback";
    }

    /** A Cloud app registered in the (simulated) developer console; its consent covers only the chosen site. */
    private static String[] cloudApp() {
        String id = "cloud-app-" + (++clients);
        String secret = "cloud-secret-" + clients + "-" + java.util.UUID.randomUUID();
        simulator.jira().registerClient(OAuthClientRegistration.cloud(id, secret, "Testbridge", List.of(callbackUrl()), CLOUD_SCOPES));
        return new String[] {id, secret};
    }

    private static String[] dcApp(String instance) {
        String id = "dc-app-" + (++clients);
        String secret = "dc-secret-" + clients + "-" + java.util.UUID.randomUUID();
        simulator.jira().registerClient(OAuthClientRegistration.dataCenter(instance, id, secret, "Testbridge", List.of(callbackUrl()), "WRITE"));
        return new String[] {id, secret};
    }

    private static long instance(String name, String url, String deployment) {
        ApiClient.Response created = admin.post("/api/integrations", new JsonObject().put("name", name).put("baseUrl", url).put("deployment", deployment));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    private static String site;

    /** A Cloud instance on a new site of its own (each test connects its own instance). */
    private static long acme() {
        site = "site" + (++clients);
        simulator.jira().addSite(new io.testbridge.jirasim.CloudSite(site, java.util.UUID.randomUUID().toString()));
        return instance("Site " + clients, simulator.jira().siteUrl(site), "CLOUD");
    }

    @Test
    void an_admin_connects_a_cloud_site_and_sees_the_jira_account() {
        long id = instance("Acme", simulator.jira().siteUrl("acme"), "CLOUD");
        JsonObject settings = admin.get("/api/integrations/" + id + "/oauth").json();
        assertThat(settings.getString("callbackUrl")).isEqualTo(callbackUrl());
        assertThat(settings.getJsonArray("requiredScopes").getList()).contains("read:jira-work", "read:jira-user", "write:jira-work", "offline_access");

        String[] app = cloudApp();
        ApiClient.Response connected = driver.connect(id, app[0], app[1], "alice", "acme");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().getString("status")).isEqualTo("CONNECTED");
        assertThat(connected.json().getString("connectedAccount")).isEqualTo("Alice Admin");
        assertThat(connected.json().getString("grantedScopes")).contains("write:jira-work");
        assertThat(admin.get("/api/integrations/" + id + "/oauth").json().getString("clientId")).isEqualTo(app[0]);
        assertThat(history(id)).containsSubsequence("CONNECT_STARTED", "VERIFICATION_SUCCEEDED", "ADMIN_CONNECTED", "OAUTH_ENABLED");
    }

    @Test
    void an_admin_connects_data_center_with_pkce() {
        long id = instance("DC", simulator.jira().dcBaseUrl("dc912"), "DATA_CENTER");
        String[] app = dcApp("dc912");
        ApiClient.Response started = driver.start(id, app[0], app[1]);
        String link = started.json().getString("authorizationUrl");
        assertThat(link).contains("code_challenge=").contains("code_challenge_method=S256").contains("scope=WRITE");
        ApiClient.Response connected = driver.connect(id, app[0], app[1], "bob", null);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().getString("status")).isEqualTo("CONNECTED");
        assertThat(connected.json().getString("connectedAccount")).isEqualTo("Bob Tester");
    }

    @Test
    void a_wrong_client_secret_is_named_on_the_callback_page_and_nothing_connects() {
        long id = acme();
        String[] app = cloudApp();
        String redirect = driver.consent(id, app[0], "not-the-secret", "alice", site, JiraConsent.Decision.ACCEPT);
        ApiClient.Response page = driver.callback(redirect);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("rejected the Client ID or Client Secret").doesNotContain("data-verification-code");
        assertThat(admin.get("/api/integrations/" + id).json().getString("status")).isEqualTo("ACTIVE");
        assertThat(history(id)).contains("AUTHORIZATION_FAILED");
    }

    @Test
    void deny_at_consent_says_so_and_is_recorded() {
        long id = acme();
        String[] app = cloudApp();
        ApiClient.Response page = driver.callback(driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.DENY));
        assertThat(page.body()).contains("You chose Deny");
        assertThat(history(id)).contains("CONSENT_DENIED");
        // Recorded like an API call: the callback request's id and the browser's address.
        JsonObject denied = admin.get("/api/integrations/" + id + "/history?eventType=CONSENT_DENIED").json().getJsonArray("items").getJsonObject(0);
        assertThat(denied.getString("requestId")).isNotBlank();
        assertThat(denied.getString("clientAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void a_reused_state_or_an_expired_one_is_refused() {
        long id = acme();
        String[] app = cloudApp();
        String redirect = driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT);
        assertThat(driver.callback(redirect).status()).isEqualTo(200);
        ApiClient.Response again = driver.callback(redirect);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already used");
        // A reload ends no flow: the page must not tell the wizard to start again (the code shown first still works).
        assertThat(again.body()).doesNotContain("data-callback-failure");

        String late = driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT);
        app().clock().advance(Duration.ofMinutes(11));
        ApiClient.Response expired = driver.callback(late);
        assertThat(expired.body()).contains("expired").contains("data-callback-failure");
        assertThat(driver.callback(app().baseUrl() + "/oauth/callback?state=made-up&code=x").body()).contains("not from Testbridge");
    }

    @Test
    void a_callback_in_another_users_session_is_refused() {
        long id = acme();
        String[] app = cloudApp();
        String redirect = driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT);
        ApiClient.Response anonymous = app().client().open(redirect);
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.body()).contains("Log in as the user who started this").doesNotContain("data-verification-code");
        assertThat(driver.callback(redirect).body()).as("the state is spent").contains("already used");
    }

    @Test
    void verification_codes_are_single_use_short_lived_bound_to_the_user_and_limited() {
        long id = acme();
        String[] app = cloudApp();
        assertThat(driver.configure(id, "AAAA-BBBB-CCCC-DDDD").errorField()).isEqualTo("verificationCode");

        String code = OAuthDriver.verificationCodeOn(driver.callback(driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT)));
        Fixtures.createUser(admin, "other-admin-" + clients, "other admin pass 1", "Administrator");
        ApiClient other = app().client();
        other.login("other-admin-" + clients, "other admin pass 1");
        ApiClient.Response stolen = new OAuthDriver(other).configure(id, code);
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json().getJsonObject("error").getString("message")).contains("another user");
        assertThat(driver.configure(id, code).status()).as("the code died when another user presented it").isEqualTo(400);

        String fresh = OAuthDriver.verificationCodeOn(driver.callback(driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT)));
        assertThat(driver.configure(id, fresh.toLowerCase().replace("-", " ")).status()).as("forgiving input").isEqualTo(200);
        ApiClient.Response reused = driver.configure(id, fresh);
        assertThat(reused.status()).isEqualTo(400);

        String slow = OAuthDriver.verificationCodeOn(driver.callback(driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT)));
        app().clock().advance(Duration.ofMinutes(11));
        assertThat(driver.configure(id, slow).json().getJsonObject("error").getString("message")).contains("expired");

        OAuthDriver.verificationCodeOn(driver.callback(driver.consent(id, app[0], app[1], "alice", site, JiraConsent.Decision.ACCEPT)));
        int lastStatus = 0;
        for (int i = 0; i < 5; i++) {
            lastStatus = driver.configure(id, "ZZZZ-ZZZZ-ZZZZ-ZZZ" + i).status();
        }
        assertThat(lastStatus).isEqualTo(429);
    }

    @Test
    void a_grant_only_for_another_cloud_site_is_refused_naming_both_urls() {
        long id = acme();
        String[] app = cloudApp();
        ApiClient.Response refused = driver.connect(id, app[0], app[1], "alice", "globex");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getJsonObject("error").getString("message"))
                .contains(simulator.jira().siteUrl("globex")).contains(simulator.jira().siteUrl(site));
        assertThat(admin.get("/api/integrations/" + id).json().getBoolean("oauthEnabled")).isFalse();
    }

    @Test
    void a_cloud_site_registered_under_another_host_name_is_recognised_by_its_cloud_id() {
        // Atlassian lists the site as 127.0.0.1:port; the admin typed localhost:port (as a custom
        // domain would differ from the atlassian.net name). tenant_info gave the same cloud id.
        site = "site" + (++clients);
        simulator.jira().addSite(new io.testbridge.jirasim.CloudSite(site, java.util.UUID.randomUUID().toString()));
        String typed = simulator.jira().siteUrl(site).replace("://127.0.0.1:", "://localhost:");
        assertThat(typed).isNotEqualTo(simulator.jira().siteUrl(site));
        long id = instance("Site typed by hand", typed, "CLOUD");
        String[] app = cloudApp();
        ApiClient.Response connected = driver.connect(id, app[0], app[1], "alice", site);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(admin.get("/api/integrations/" + id).json().getString("status")).isEqualTo("CONNECTED");
    }

    @Test
    void data_center_before_8_22_cannot_start_a_connection() {
        long id = instance("Old DC", simulator.jira().dcBaseUrl("dc820"), "DATA_CENTER");
        ApiClient.Response refused = driver.start(id, "any", "secret");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("8.20").contains("8.22");
    }

    @Test
    void update_keeps_the_old_connection_until_the_new_one_completes_and_disable_removes_every_token() throws Exception {
        long id = acme();
        String[] first = cloudApp();
        assertThat(driver.connect(id, first[0], first[1], "alice", site).status()).isEqualTo(200);
        String firstToken = tokenCipher(id);

        String[] second = cloudApp();
        String code = OAuthDriver.verificationCodeOn(driver.callback(driver.consent(id, second[0], second[1], "alice", site, JiraConsent.Decision.ACCEPT)));
        assertThat(admin.get("/api/integrations/" + id + "/oauth").json().getString("clientId")).as("old client still in use").isEqualTo(first[0]);
        assertThat(tokenCipher(id)).isEqualTo(firstToken);

        ApiClient.Response updated = driver.configure(id, code);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(admin.get("/api/integrations/" + id + "/oauth").json().getString("clientId")).isEqualTo(second[0]);
        assertThat(tokenCipher(id)).isNotEqualTo(firstToken);
        assertThat(history(id)).contains("OAUTH_CONFIG_UPDATED");

        ApiClient.Response disabled = admin.delete("/api/integrations/" + id + "/oauth");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("oauthEnabled")).isFalse();
        assertThat(count("SELECT count(*) FROM oauth_tokens WHERE instance_id = " + id)).isZero();
        assertThat(count("SELECT count(*) FROM oauth_clients WHERE instance_id = " + id)).isZero();
        assertThat(history(id)).contains("OAUTH_DISABLED");
    }

    @Test
    void no_secret_token_or_code_is_stored_in_plain_text_or_returned_by_the_api() throws Exception {
        long id = acme();
        String[] app = cloudApp();
        assertThat(driver.connect(id, app[0], app[1], "alice", site).status()).isEqualTo(200);
        List<String> secrets = simulator.jira().issuedSecrets();
        assertThat(secrets).hasSizeGreaterThan(3);
        String everything = dumpAllTables();
        List<String> logLines = logs.lines();
        assertThat(logLines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(logLines).as("logs").noneMatch(line -> line.contains(secret));
            assertThat(everything).as("database").doesNotContain(secret);
            for (ApiClient.Response response : admin.responses()) {
                assertThat(response.body()).as("API response").doesNotContain(secret);
            }
        }
    }

    private static RunningApp app() {
        return app;
    }

    private static List<String> history(long instanceId) throws RuntimeException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT event_type FROM oauth_history WHERE instance_id = " + instanceId + " ORDER BY id")) {
            List<String> events = new java.util.ArrayList<>();
            while (rows.next()) {
                events.add(rows.getString(1));
            }
            return events;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tokenCipher(long instanceId) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT access_token FROM oauth_tokens WHERE instance_id = " + instanceId)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every row of every table of the application's schema, as text. */
    static String dumpAllTables() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        dump.append(table).append(": ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/" + database.database(), "postgres", "");
    }
}
