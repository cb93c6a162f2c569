package io.testbridge.integrations;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.Soon;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationsTest {
    private static Simulator simulator;
    private static Sql sql;
    private static RunningApp app;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/oauth/callback"));
        DatabaseUrl database = TestDatabase.freshDatabase();
        sql = new Sql(database);
        app = RunningApp.start(database, java.util.Map.of());
        admin = Fixtures.adminClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        simulator.close();
    }

    private static ApiClient.Response register(String name, String url, String deployment) {
        return admin.post("/api/integrations", new JsonObject().put("name", name).put("baseUrl", url).put("deployment", deployment));
    }

    @Test
    void a_cloud_site_is_identified_by_its_cloud_id() {
        String site = simulator.jira().siteUrl("acme");
        ApiClient.Response created = register("Acme Cloud", site + "/", "CLOUD");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject instance = created.json();
        assertThat(instance.getString("baseUrl")).isEqualTo(site);
        assertThat(instance.getString("cloudId")).isEqualTo(simulator.jira().site("acme").orElseThrow().cloudId());
        assertThat(instance.getString("status")).isEqualTo("ACTIVE");
        assertThat(instance.getBoolean("oauthAvailable")).isTrue();
    }

    @Test
    void data_center_9_12_is_accepted_with_its_version() {
        ApiClient.Response created = register("DC 9.12", simulator.jira().dcBaseUrl("dc912"), "DATA_CENTER");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("version")).isEqualTo("9.12.0");
        assertThat(created.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(created.json().getBoolean("oauthAvailable")).isTrue();
    }

    @Test
    void a_data_center_whose_server_info_needs_a_login_is_registered_and_its_version_confirmed_by_the_first_connection() {
        simulator.jira().putDcInstance(io.testbridge.jirasim.DcInstance.of("locked", "9.12.0").withServerInfoBehindLogin());
        ApiClient.Response created = register("Locked DC", simulator.jira().dcBaseUrl("locked"), "DATA_CENTER");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().getLong("id");
        assertThat(created.json().getString("version")).isNull();
        assertThat(created.json().getString("versionNote")).contains("confirmed after the first connection");
        assertThat(created.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(created.json().getBoolean("oauthAvailable")).isTrue();
        ApiClient.Response checked = admin.post("/api/integrations/" + id + "/check", new JsonObject());
        assertThat(checked.json().getString("status")).as("a login wall is not an outage").isEqualTo("ACTIVE");

        simulator.jira().registerClient(io.testbridge.jirasim.OAuthClientRegistration.dataCenter("locked", "locked-app", "locked-secret",
                "Testbridge", List.of(app.baseUrl() + "/oauth/callback"), "WRITE"));
        ApiClient.Response connected = new io.testbridge.testing.OAuthDriver(admin).connect(id, "locked-app", "locked-secret", "bob", null);

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        JsonObject confirmed = admin.get("/api/integrations/" + id).json();
        assertThat(confirmed.getString("version")).isEqualTo("9.12.0");
        assertThat(confirmed.getString("versionNote")).isNull();
        assertThat(sql.column("SELECT reason FROM oauth_history WHERE instance_id = " + id + " AND event_type = 'INSTANCE_UPDATED'"))
                .anySatisfy(reason -> assertThat(reason).contains("Jira 9.12.0"));
    }

    @Test
    void a_cloud_site_registered_as_data_center_is_refused_naming_the_right_type() {
        ApiClient.Response refused = register("Globex as DC", simulator.jira().siteUrl("globex"), "DATA_CENTER");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("Jira Cloud site").contains("type Cloud");
        assertThat(refused.json().getJsonObject("error").getString("field")).isEqualTo("baseUrl");
    }

    @Test
    void data_center_8_20_is_registered_but_refused_oauth_naming_both_versions() {
        ApiClient.Response created = register("DC 8.20", simulator.jira().dcBaseUrl("dc820"), "DATA_CENTER");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getBoolean("oauthAvailable")).isFalse();
        assertThat(created.json().getString("oauthUnavailableReason")).contains("8.20").contains("8.22");
    }

    @Test
    void an_unreachable_host_is_registered_and_marked_unreachable_with_the_reason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ApiClient.Response created = register("Gone", "http://127.0.0.1:" + closedPort + "/jira", "DATA_CENTER");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("status")).isEqualTo("UNREACHABLE");
        assertThat(created.json().getString("statusReason")).contains("127.0.0.1:" + closedPort).containsIgnoringCase("refused");
    }

    @Test
    void a_url_that_is_not_a_jira_of_that_type_is_refused_naming_what_answered() {
        ApiClient.Response wrongType = register("Not cloud", simulator.jira().dcBaseUrl("dc912"), "CLOUD");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorField()).isEqualTo("baseUrl");
        assertThat(wrongType.json().getJsonObject("error").getString("message")).contains("_edge/tenant_info");
    }

    @Test
    void check_now_marks_an_instance_unreachable_when_jira_fails_and_active_again_after() {
        long id = register("Globex", simulator.jira().siteUrl("globex"), "CLOUD").json().getLong("id");
        assertThat(admin.post("/api/integrations/" + id + "/check", new JsonObject()).json().getString("status")).isEqualTo("ACTIVE");
        simulator.jira().faults().add(io.testbridge.jirasim.FaultSpec.serverError(1, 503).onPathPrefix("/cloud/sites/globex"));
        JsonObject down = admin.post("/api/integrations/" + id + "/check", new JsonObject()).json();
        assertThat(down.getString("status")).isEqualTo("UNREACHABLE");
        assertThat(down.getString("statusReason")).contains("503");
        assertThat(admin.post("/api/integrations/" + id + "/check", new JsonObject()).json().getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void bad_input_answers_400_naming_the_field_and_never_500() {
        String site = simulator.jira().siteUrl("acme");
        assertBad(register("", site, "CLOUD"), "name");
        assertBad(register("   ", site, "CLOUD"), "name");
        assertBad(register("x".repeat(10_240), site, "CLOUD"), "name");
        assertBad(register("Ftp", "ftp://jira.example.com", "CLOUD"), "baseUrl");
        assertBad(register("Creds", "https://user:pass@jira.example.com", "CLOUD"), "baseUrl");
        assertBad(register("Query", site + "?x=1", "CLOUD"), "baseUrl");
        assertBad(register("Plain http", "http://jira.example.com", "DATA_CENTER"), "baseUrl");
        assertBad(register("Metadata", "https://169.254.169.254/latest", "DATA_CENTER"), "baseUrl");
        assertBad(register("Type", site, "SERVER"), "deployment");
        assertBad(admin.send("POST", "/api/integrations", "not json", "application/json"), "body");
        assertBad(admin.get("/api/integrations?pageSize=1000"), "pageSize");

        register("Original", simulator.jira().siteUrl("globex") + "/x", "CLOUD");
        ApiClient.Response duplicate = register("Same URL", "HTTP://127.0.0.1:" + simulator.jira().port() + "/cloud/sites/globex/x/", "CLOUD");
        assertThat(duplicate.status()).as(duplicate.body()).isIn(400, 409);
    }

    @Test
    void the_list_is_filtered_by_url_and_paged_on_the_server() {
        ApiClient fresh = admin;
        for (int i = 0; i < 3; i++) {
            register("Page " + i, "http://127.0.0.1:1/paging-" + i, "DATA_CENTER");
        }
        JsonObject filtered = fresh.get("/api/integrations?filter=PAGING-&pageSize=2").json();
        assertThat(filtered.getLong("total")).isEqualTo(3);
        assertThat(filtered.getJsonArray("items")).hasSize(2);
        JsonObject second = fresh.get("/api/integrations?filter=paging-&pageSize=2&page=2").json();
        assertThat(second.getJsonArray("items")).hasSize(1);
        JsonArray none = fresh.get("/api/integrations?filter=paging_").json().getJsonArray("items");
        assertThat(none).as("_ is a literal, not a LIKE wildcard").isEmpty();
    }

    @Test
    void a_text_filter_is_taken_as_typed_whatever_its_characters() {
        register("Text 1.5", "http://127.0.0.1:1/text-1.5", "DATA_CENTER");
        register("Quote \"q\" back\\slash", "http://127.0.0.1:1/text-quote", "DATA_CENTER");
        // Each of these was read as JSON by the API validator: a number, a string without its quotes, a 400.
        for (String typed : List.of("1.5", "-1.5", "\"q\"", "e \"q", "back\\slash", "t-1.5")) {
            ApiClient.Response answer = admin.get("/api/integrations?filter=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
            assertThat(answer.status()).as(typed + ": " + answer.body()).isEqualTo(200);
        }
        assertThat(names("1.5")).containsExactly("Text 1.5");
        assertThat(names("\"q\"")).containsExactly("Quote \"q\" back\\slash");
        assertThat(names("back\\slash")).containsExactly("Quote \"q\" back\\slash");
    }

    private List<String> names(String filter) {
        JsonArray items = admin.get("/api/integrations?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)).json().getJsonArray("items");
        return items.stream().map(item -> ((JsonObject) item).getString("name")).toList();
    }

    @Test
    void instances_can_be_renamed_and_removed() {
        long id = register("Old name", "http://127.0.0.1:1/rename-me", "DATA_CENTER").json().getLong("id");
        ApiClient.Response renamed = admin.patch("/api/integrations/" + id, new JsonObject().put("name", "New name"));
        assertThat(renamed.json().getString("name")).isEqualTo("New name");
        assertThat(admin.delete("/api/integrations/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/integrations/" + id).status()).isEqualTo(404);
    }

    @Test
    void the_list_answers_304_to_the_tag_it_gave_until_something_it_shows_changes() {
        long id = register("Tagged", "http://127.0.0.1:1/tagged", "DATA_CENTER").json().getLong("id");
        String path = "/api/integrations?filter=tagged";
        ApiClient.Response first = admin.get(path);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        ApiClient.Response unchanged = admin.get(path, "If-None-Match", tag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).contains(tag);
        assertThat(admin.get(path, "If-None-Match", "\"other\", W/" + tag).status()).as("one of a list, weak").isEqualTo(304);
        assertThat(admin.get(path, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(admin.get("/api/integrations?filter=tagged&pageSize=10", "If-None-Match", tag).status())
                .as("another page size, another answer: the tag is of the bytes").isEqualTo(200);
        assertThat(new ApiClient(app.baseUrl()).get(path, "If-None-Match", tag).status())
                .as("a stranger holding the tag learns nothing").isEqualTo(401);

        ApiClient.Response detail = admin.get("/api/integrations/" + id);
        assertThat(admin.get("/api/integrations/" + id, "If-None-Match", detail.headers().firstValue("ETag").orElseThrow()).status())
                .as("a detail answer too").isEqualTo(304);

        // renamed through this node: the very next reload shows it (nothing waits for PostgreSQL's announcement)
        admin.patch("/api/integrations/" + id, new JsonObject().put("name", "Tagged and renamed"));
        ApiClient.Response renamed = admin.get(path, "If-None-Match", tag);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
        assertThat(names("tagged")).containsExactly("Tagged and renamed");
        assertThat(admin.get("/api/integrations/" + id).json().getString("name")).isEqualTo("Tagged and renamed");

        // changed in the database by anything else (another node, an operator's SQL): PostgreSQL tells this node
        sql.execute("UPDATE jira_instances SET name = 'Renamed in SQL' WHERE id = " + id);
        assertThat(Soon.value(() -> names("tagged"), List.of("Renamed in SQL"))).containsExactly("Renamed in SQL");
        assertThat(Soon.value(() -> admin.get("/api/integrations/" + id).json().getString("name"), "Renamed in SQL"))
                .as("the single instance, which every Jira call asks for").isEqualTo("Renamed in SQL");
        assertThat(listedOAuth(path)).isFalse();
        sql.execute("INSERT INTO oauth_connections (instance_id, enabled) VALUES (" + id + ", true)"
                + " ON CONFLICT (instance_id) DO UPDATE SET enabled = true");
        assertThat(Soon.value(() -> listedOAuth(path), true)).as("the OAuth connection, from oauth's table").isTrue();
    }

    private static boolean listedOAuth(String path) {
        return admin.get(path).json().getJsonArray("items").getJsonObject(0).getBoolean("oauthEnabled");
    }

    private static void assertBad(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorField()).as(response.body()).isEqualTo(field);
    }
}
