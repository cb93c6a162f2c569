package io.testbridge.audit;

import io.testbridge.shared.Csv;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthHistoryTest {
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient admin;
    private static Sql sql;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        DatabaseUrl database = TestDatabase.freshDatabase();
        sql = new Sql(database);
        app = RunningApp.start(database, Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl()));
        admin = Fixtures.adminClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        simulator.close();
    }

    private static List<String> eventTypes(long id) {
        JsonArray items = admin.get("/api/integrations/" + id + "/history?pageSize=200").json().getJsonArray("items");
        List<String> types = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            types.add(items.getJsonObject(i).getString("eventType"));
        }
        return types;
    }

    @Test
    void each_action_leaves_its_event_with_no_secret_in_any_column() {
        simulator.jira().addSite(new io.testbridge.jirasim.CloudSite("history", "11111111-2222-3333-4444-555555555555"));
        String callback = app.baseUrl() + "/oauth/callback";
        simulator.jira().registerClient(OAuthClientRegistration.cloud("hist-a", "hist-secret-a", "Testbridge", List.of(callback),
                Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        simulator.jira().registerClient(OAuthClientRegistration.cloud("hist-b", "hist-secret-b", "Testbridge", List.of(callback),
                Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        long id = admin.post("/api/integrations", new JsonObject().put("name", "History site")
                .put("baseUrl", simulator.jira().siteUrl("history")).put("deployment", "CLOUD")).json().getLong("id");
        OAuthDriver driver = new OAuthDriver(admin);

        assertThat(eventTypes(id)).containsExactly("INSTANCE_ADDED");
        admin.patch("/api/integrations/" + id, new JsonObject().put("name", "History site, renamed"));
        driver.callback(driver.consent(id, "hist-a", "hist-secret-a", "alice", "history", JiraConsent.Decision.DENY));
        // no flow waits after the denial: the code is refused, and not written (nothing to guess at, so no flood)
        assertThat(driver.configure(id, "WRNG-CODE-WRNG-CODE").status()).isEqualTo(400);
        driver.callback(driver.consent(id, "hist-a", "wrong-secret", "alice", "history", JiraConsent.Decision.ACCEPT));
        assertThat(driver.connect(id, "hist-a", "hist-secret-a", "alice", "history").status()).isEqualTo(200);
        assertThat(driver.connect(id, "hist-b", "hist-secret-b", "alice", "history").status()).isEqualTo(200);
        admin.delete("/api/integrations/" + id + "/oauth");

        assertThat(eventTypes(id)).containsExactly("INSTANCE_ADDED", "INSTANCE_UPDATED",
                "CONNECT_STARTED", "CONSENT_DENIED",
                "CONNECT_STARTED", "AUTHORIZATION_FAILED",
                "CONNECT_STARTED", "VERIFICATION_SUCCEEDED", "ADMIN_CONNECTED", "OAUTH_ENABLED",
                "CONNECT_STARTED", "VERIFICATION_SUCCEEDED", "ADMIN_CONNECTED", "OAUTH_CONFIG_UPDATED",
                "OAUTH_DISABLED");
        JsonObject newest = admin.get("/api/integrations/" + id + "/history").json().getJsonArray("items").getJsonObject(0);
        assertThat(newest.getString("actor")).isEqualTo(Fixtures.ADMIN);
        assertThat(newest.getString("outcome")).isEqualTo("SUCCESS");
        assertThat(newest.getString("requestId")).isNotBlank();
        assertThat(newest.getString("clientAddress")).isEqualTo("127.0.0.1");

        assertThat(admin.delete("/api/integrations/" + id).status()).isEqualTo(204);
        assertThat(sql.column("SELECT event_type FROM oauth_history WHERE instance_id = " + id + " ORDER BY id DESC LIMIT 1"))
                .containsExactly("INSTANCE_REMOVED");

        String history = String.join("\n", sql.column("SELECT h::text FROM oauth_history h"));
        for (String secret : simulator.jira().issuedSecrets()) {
            assertThat(history).doesNotContain(secret);
        }
    }

    @Test
    void the_history_filters_pages_and_exports_csv_with_correct_quoting() {
        long id = admin.post("/api/integrations", new JsonObject().put("name", "Filters")
                .put("baseUrl", "http://127.0.0.1:1/filters").put("deployment", "DATA_CENTER")).json().getLong("id");
        for (int i = 0; i < 30; i++) {
            admin.patch("/api/integrations/" + id, new JsonObject().put("name", i % 2 == 0 ? "=cmd|' /C calc'!A0, \"quoted\"" : "Filters " + i));
        }
        JsonObject page = admin.get("/api/integrations/" + id + "/history?eventType=INSTANCE_UPDATED&pageSize=10&page=2").json();
        assertThat(page.getLong("total")).isEqualTo(30);
        assertThat(page.getJsonArray("items")).hasSize(10);
        assertThat(admin.get("/api/integrations/" + id + "/history?user=nobody").json().getLong("total")).isZero();
        assertThat(admin.get("/api/integrations/" + id + "/history?from=2999-01-01T00:00:00Z").json().getLong("total")).isZero();
        assertThat(admin.get("/api/integrations/" + id + "/history?eventType=NOPE").errorField()).isEqualTo("eventType");
        assertThat(admin.get("/api/integrations/" + id + "/history?from=yesterday").errorField()).isEqualTo("from");

        ApiClient.Response csv = admin.get("/api/integrations/" + id + "/history.csv?eventType=INSTANCE_UPDATED");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0)).isEqualTo("occurred_at,actor,event_type,outcome,reason,request_id,client_address");
        assertThat(csv.body()).contains("\"renamed from =cmd|' /C calc'!A0, \"\"quoted\"\"\"");
        assertThat(Csv.cell("=SUM(A1)")).as("formula guard").isEqualTo("\"'=SUM(A1)\"");
        assertThat(Csv.cell("plain")).isEqualTo("plain");
    }

    @Test
    void an_action_and_its_history_row_commit_together_even_when_the_connection_breaks_midway() {
        long before = sql.count("SELECT count(*) FROM jira_instances");
        long historyBefore = sql.count("SELECT count(*) FROM oauth_history");
        // the database connection dies as the history row is written, inside the action's transaction
        sql.execute("""
                CREATE FUNCTION break_connection() RETURNS trigger AS $$
                BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER break_on_history BEFORE INSERT ON oauth_history FOR EACH ROW EXECUTE FUNCTION break_connection();""");
        try {
            ApiClient.Response failed = admin.post("/api/integrations", new JsonObject().put("name", "Broken midway")
                    .put("baseUrl", "http://127.0.0.1:1/broken").put("deployment", "DATA_CENTER"));
            assertThat(failed.status()).as("the lost connection is reported as unavailable").isEqualTo(503);
            assertThat(failed.json().getJsonObject("error").getString("code")).isEqualTo("unavailable");
        } finally {
            sql.execute("DROP TRIGGER break_on_history ON oauth_history; DROP FUNCTION break_connection();");
        }
        assertThat(sql.count("SELECT count(*) FROM jira_instances")).as("no action without its history").isEqualTo(before);
        assertThat(sql.count("SELECT count(*) FROM oauth_history")).isEqualTo(historyBefore);

        ApiClient.Response created = admin.post("/api/integrations", new JsonObject().put("name", "Broken midway")
                .put("baseUrl", "http://127.0.0.1:1/broken").put("deployment", "DATA_CENTER"));
        assertThat(created.status()).as("the pool recovered").isEqualTo(201);
        assertThat(sql.count("SELECT count(*) FROM oauth_history WHERE event_type = 'INSTANCE_ADDED' AND instance_id = "
                + created.json().getLong("id"))).isEqualTo(1);
    }
}
