package io.testbridge.http;

import io.testbridge.shared.Version;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FoundationTest {
    private static RunningApp app;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        client = app.client();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void health_is_up_when_the_database_answers() {
        ApiClient.Response health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getString("database")).isEqualTo("UP");
    }

    @Test
    void about_names_the_build_version() {
        ApiClient.Response about = client.get("/api/about");
        assertThat(about.status()).isEqualTo(200);
        assertThat(about.json().getString("name")).isEqualTo("Testbridge");
        assertThat(about.json().getString("version")).isEqualTo(Version.CURRENT).isNotEqualTo("dev");
    }

    @Test
    void unknown_api_paths_and_methods_answer_in_the_error_shape() {
        ApiClient.Response missing = client.get("/api/no-such-thing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");

        ApiClient.Response wrongMethod = client.send("PUT", "/api/about", "{}", "application/json");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void the_api_is_documented_for_people_and_machines() {
        ApiClient.Response docs = client.get("/api/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(docs.body()).contains("POST /api/integrations/{instanceId}/oauth/connections").contains("INTEGRATION_MODIFY");
        assertThat(client.get("/api/openapi.yaml").body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void every_response_carries_the_security_headers_and_no_cors_grant() {
        ApiClient.Response response = client.get("/api/about");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void the_spa_is_served_with_fallback_for_deep_links_and_the_right_caching() {
        ApiClient.Response index = client.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<div id=\"root\"");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");

        ApiClient.Response deepLink = client.get("/integrations");
        assertThat(deepLink.status()).isEqualTo(200);
        assertThat(deepLink.body()).isEqualTo(index.body());
        assertThat(deepLink.headers().firstValue("Cache-Control")).contains("no-cache");

        Matcher asset = Pattern.compile("/assets/[^\"]+\\.js").matcher(index.body());
        assertThat(asset.find()).as("index.html references a hashed script").isTrue();
        ApiClient.Response script = client.get(asset.group());
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control")).hasValueSatisfying(cache ->
                assertThat(cache).contains("max-age=31536000"));

        assertThat(client.get("/assets/missing-file.js").status()).isEqualTo(404);
    }
}
