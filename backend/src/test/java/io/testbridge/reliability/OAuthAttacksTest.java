package io.testbridge.reliability;

import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the OAuth flows (RFC 9700) and the browser session (OWASP ASVS). Other protections
 * have their own tests: CSRF on the callback and state replay (AdminConnectionTest), verification
 * code guessing and replay (AdminConnectionTest), session fixation (UserAdministrationTest),
 * security headers (FoundationTest).
 */
class OAuthAttacksTest {
    private static final Set<String> SCOPES = Set.of("read:jira-work", "read:jira-user", "write:jira-work");
    private static final AtomicInteger ATTACKS = new AtomicInteger();
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient admin;
    private static long cloud;
    private static long dc;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        app = RunningApp.start(TestDatabase.freshDatabase(), Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl()));
        String callback = app.baseUrl() + "/oauth/callback";
        simulator.jira().registerClient(OAuthClientRegistration.cloud("victim-app", "victim-secret", "Testbridge", List.of(callback), SCOPES));
        simulator.jira().registerClient(OAuthClientRegistration.cloud("evil-app", "evil-secret", "Evil", List.of(callback), SCOPES));
        simulator.jira().registerClient(OAuthClientRegistration.dataCenter("dc912", "victim-dc", "victim-dc-secret", "Testbridge", List.of(callback), "WRITE"));
        admin = Fixtures.adminClient(app);
        cloud = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        dc = admin.post("/api/integrations", new JsonObject().put("name", "DC").put("baseUrl", simulator.jira().dcBaseUrl("dc912"))
                .put("deployment", "DATA_CENTER")).json().getLong("id");
    }

    @AfterAll
    static void stop() {
        ReliabilityReport.write("oauth-attacks", new JsonObject().put("attacks", ATTACKS.get()).put("succeeded", 0));
        app.close();
        simulator.close();
    }

    private static String param(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static String startFlow(long instanceId, String clientId, String secret) {
        ApiClient.Response started = new OAuthDriver(admin).start(instanceId, clientId, secret);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().getString("authorizationUrl");
    }

    /** An authorization code the attacker obtained with their own client, for the same callback URL. */
    private static String attackersCode() {
        String link = simulator.jira().cloudAuthUrl() + "/authorize?audience=api.atlassian.com&client_id=evil-app&scope="
                + URLEncoder.encode("read:jira-work offline_access", StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(app.baseUrl() + "/oauth/callback", StandardCharsets.UTF_8) + "&state=attacker&response_type=code&prompt=consent";
        return param(new JiraConsent().decide(link, "bob", "acme", JiraConsent.Decision.ACCEPT), "code");
    }

    @Test
    void an_injected_authorization_code_of_another_client_is_refused() {
        ATTACKS.incrementAndGet();
        String victimState = param(startFlow(cloud, "victim-app", "victim-secret"), "state");
        ApiClient.Response page = admin.open(app.baseUrl() + "/oauth/callback?state=" + victimState + "&code=" + attackersCode());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("refused").doesNotContain("data-verification-code");
        assertThat(admin.get("/api/integrations/" + cloud).json().getBoolean("oauthEnabled")).isFalse();
    }

    @Test
    void a_code_from_one_instance_delivered_with_another_instances_state_is_refused() {
        ATTACKS.incrementAndGet();
        String cloudRedirect = new JiraConsent().decide(startFlow(cloud, "victim-app", "victim-secret"), "alice", "acme", JiraConsent.Decision.ACCEPT);
        String dcState = param(startFlow(dc, "victim-dc", "victim-dc-secret"), "state");
        ApiClient.Response page = admin.open(app.baseUrl() + "/oauth/callback?state=" + dcState + "&code=" + param(cloudRedirect, "code"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("data-verification-code");
        assertThat(admin.get("/api/integrations/" + dc).json().getBoolean("oauthEnabled")).isFalse();
    }

    @Test
    void the_callback_never_redirects_anywhere() throws Exception {
        ATTACKS.incrementAndGet();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/oauth/callback?state=x&code=y&redirect_uri=https://evil.example/",
                "/oauth/callback?error=access_denied&state=x&next=//evil.example", "//evil.example/%2e%2e", "/api/..%2f..%2fetc")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isNotIn(301, 302, 303, 307, 308);
            assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
        }
    }

    @Test
    void cors_is_closed_to_other_origins() throws Exception {
        ATTACKS.incrementAndGet();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/users"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type,x-csrf-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> simple = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/about")).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void the_session_cookie_is_http_only_same_site_and_secure_behind_https() {
        ATTACKS.incrementAndGet();
        ApiClient.Response login = app.client().login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("testbridge_session=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        try (RunningApp https = RunningApp.start(TestDatabase.freshDatabase(), Map.of("TESTBRIDGE_PUBLIC_URL", "https://testbridge.example"))) {
            ApiClient client = https.client();
            Fixtures.adminClient(https);
            String secure = client.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("testbridge_session=")).findFirst().orElseThrow();
            assertThat(secure).contains("Secure").containsIgnoringCase("HttpOnly");
        }
    }

    @Test
    void a_state_changing_request_from_a_form_on_another_site_is_refused() {
        ATTACKS.incrementAndGet();
        // a cross-site form can send the cookie but neither JSON nor the CSRF header
        ApiClient victim = app.client();
        victim.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        victim.forgetCsrfToken();
        ApiClient.Response forged = victim.send("POST", "/api/roles", "name=Owned&rights=USERS_MANAGE", "application/x-www-form-urlencoded");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.errorCode()).isEqualTo("csrf_token_invalid");
    }
}
