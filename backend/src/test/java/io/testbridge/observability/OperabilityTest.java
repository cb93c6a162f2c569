package io.testbridge.observability;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.jirasim.FaultSpec;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Soon;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperabilityTest {
    private static final String METRICS_TOKEN = "a-long-metrics-token-for-tests";

    private static HttpResponse<String> scrape(RunningApp app, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_count_the_oauth_flow_and_the_jira_calls_of_a_real_connection() throws Exception {
        try (Fixtures.CloudInstance acme = Fixtures.cloudInstance(Map.of("TESTBRIDGE_METRICS", "token", "TESTBRIDGE_METRICS_TOKEN", METRICS_TOKEN))) {
            RunningApp app = acme.app();
            ApiClient admin = acme.admin();
            long id = acme.id();
            OAuthDriver driver = new OAuthDriver(admin);
            driver.callback(driver.consent(id, Fixtures.CloudInstance.CLIENT_ID, Fixtures.CloudInstance.CLIENT_SECRET, "alice", "acme",
                    JiraConsent.Decision.DENY));
            acme.connect();
            assertThat(admin.get("/api/jira/" + id + "/projects").status()).isEqualTo(200);

            assertThat(scrape(app, null).statusCode()).isEqualTo(401);
            assertThat(scrape(app, "wrong-token-wrong-token").statusCode()).isEqualTo(401);
            HttpResponse<String> metrics = scrape(app, METRICS_TOKEN);
            assertThat(metrics.statusCode()).isEqualTo(200);
            String text = metrics.body();
            assertThat(text).contains("testbridge_oauth_flows_started_total{deployment=\"CLOUD\",purpose=\"ADMIN_CONNECT\"} 2.0");
            assertThat(text).contains("testbridge_oauth_flows_completed_total{purpose=\"ADMIN_CONNECT\"} 1.0");
            assertThat(text).contains("testbridge_oauth_flows_failed_total{purpose=\"ADMIN_CONNECT\",reason=\"denied\"} 1.0");
            assertThat(text).contains("testbridge_oauth_verification_attempts_total{outcome=\"accepted\"} 1.0");
            assertThat(text).contains("testbridge_jira_calls_total{instance=\"" + id + "\",method=\"GET\",route=\"/project/search\",status=\"200\"} 1.0");
            assertThat(text).contains("testbridge_audit_events_written_total{type=\"ADMIN_CONNECTED\"} 1.0");
            assertThat(text).contains("vertx_http_server_requests_total");
            for (String secret : acme.simulator().jira().issuedSecrets()) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    @Test
    void the_system_page_reports_the_server_and_the_last_jira_error_of_each_instance() throws Exception {
        try (Fixtures.CloudInstance acme = Fixtures.cloudInstance(Map.of())) {
            ApiClient admin = acme.admin();
            long id = acme.id();
            JsonObject before = admin.get("/api/system").json();
            assertThat(before.getJsonObject("database").getString("mode")).isEqualTo("external");
            assertThat(before.getJsonObject("database").getString("version")).matches("\\d+.*");
            assertThat(before.getString("encryptionKeyId")).isNotBlank();
            assertThat(before.getJsonObject("counts").getLong("instances")).isEqualTo(1);
            assertThat(before.getJsonObject("counts").getLong("users")).isEqualTo(1);
            assertThat(before.getJsonArray("recentJiraErrors")).isEmpty();

            acme.connect();
            acme.simulator().jira().faults().add(FaultSpec.htmlErrorPage(-1, 502).onPathPrefix("/cloud/api/ex/jira"));
            assertThat(admin.get("/api/jira/" + id + "/projects").status()).isGreaterThanOrEqualTo(400);

            JsonObject after = admin.get("/api/system").json();
            assertThat(after.getJsonObject("counts").getLong("connections")).isEqualTo(1);
            JsonObject error = after.getJsonArray("recentJiraErrors").getJsonObject(0);
            assertThat(error.getLong("instanceId")).isEqualTo(id);
            assertThat(error.getString("instanceName")).isEqualTo("Acme");
            assertThat(error.getString("error")).contains("502");
        }
    }

    @Test
    void every_log_line_of_a_request_carries_its_request_id_and_no_secret() {
        try (LogCapture logs = LogCapture.begin(); RunningApp app = RunningApp.start()) {
            Fixtures.adminClient(app);
            ApiClient client = app.client();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String body = new JsonObject().put("username", Fixtures.ADMIN).put("password", Fixtures.ADMIN_PASSWORD).encode();
            HttpResponse<String> login;
            try {
                login = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/session")).header("Content-Type", "application/json")
                        .header("X-Request-Id", "req-login-42").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(login.headers().firstValue("X-Request-Id")).contains("req-login-42");
            List<String> lines = logs.lines().stream().filter(line -> line.contains("req-login-42")).toList();
            assertThat(lines).as("lines of the login request").isNotEmpty()
                    .anySatisfy(line -> assertThat(line).contains("login_succeeded"))
                    .allSatisfy(line -> assertThat(line).doesNotContain(Fixtures.ADMIN_PASSWORD));
            assertThat(logs.lines().stream().filter(line -> line.contains("login_succeeded"))).allSatisfy(line ->
                    assertThat(line).contains("request_id="));
            assertThat(client.get("/api/about").headers().firstValue("X-Request-Id")).isPresent();
            assertThat(client.get("/api/about").headers().firstValue("Server-Timing").orElse(""))
                    .as("the server's own time, for dev tools and benchmarks").matches("app;dur=[0-9]+\\.[0-9]{2}");
        }
    }

    @Test
    void ready_is_503_while_the_database_is_down_and_200_after_it_returns() throws Exception {
        Path dir = RunningApp.newWorkDir("ready-pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
        int port = postgres.getPort();
        try (RunningApp app = RunningApp.start(new DatabaseUrl("localhost", port, "postgres", "postgres", ""), Map.of())) {
            ApiClient client = app.client();
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
            assertThat(client.get("/health/live").status()).isEqualTo(200);
            postgres.close();
            // probes are answered from a check a timer runs every second
            assertThat(Soon.value(() -> client.get("/health/ready").status(), 503)).isEqualTo(503);
            assertThat(client.get("/health/live").status()).as("the process is fine").isEqualTo(200);
            postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
            assertThat(Soon.value(() -> client.get("/health/ready").status(), 200)).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }
}
