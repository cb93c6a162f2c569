package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a fresh simulator on 127.0.0.1:0 for each test, with a frozen clock, and offers blocking
 * HTTP helpers (the test thread is not an event loop, so Future.await is fine) so that every test
 * reads like the flow it checks.
 */
@ExtendWith(VertxExtension.class)
abstract class SimulatorTestSupport {

    static final String CALLBACK = "http://localhost:8080/oauth/callback";
    static final String CLOUD_APP = "cloud-app";
    static final String CLOUD_SECRET = "cloud-secret";
    static final String CLOUD_MULTI = "cloud-multi";
    static final String CLOUD_READONLY = "cloud-readonly";
    static final String DC_CLIENT = "dc-client";
    static final String DC_SECRET = "dc-secret";
    static final String DC_READ_CLIENT = "dc-read-client";
    static final Set<String> CLOUD_SCOPES = Set.of("read:jira-work", "read:jira-user", "write:jira-work");
    static final String ALL_CLOUD_SCOPES = "read:jira-work read:jira-user write:jira-work offline_access";
    static final CloudSite ACME = new CloudSite("acme", "11111111-1111-4111-8111-111111111111");
    static final CloudSite GLOBEX = new CloudSite("globex", "22222222-2222-4222-8222-222222222222");

    Vertx vertx;
    JiraSimulator sim;
    WebClient http;

    @BeforeEach
    void startSimulator(Vertx vertx) {
        this.vertx = vertx;
        SimulatorOptions options = new SimulatorOptions().clock(SimClock.frozenAt(Instant.parse("2025-01-15T09:00:00Z")))
                .addUser(new SimUser("acc-alice", "alice", "Alice Admin", "alice@example.com"))
                .addUser(new SimUser("acc-bob", "bob", "Bob Tester", "bob@example.com"))
                .addSite(ACME).addSite(GLOBEX)
                .addDcInstance(DcInstance.of("dc912", "9.12.0")).addDcInstance(DcInstance.of("dc820", "8.20.10"))
                .addClient(OAuthClientRegistration.cloud(CLOUD_APP, CLOUD_SECRET, "Testbridge", List.of(CALLBACK),
                        CLOUD_SCOPES))
                .addClient(OAuthClientRegistration.cloud(CLOUD_MULTI, CLOUD_SECRET, "Testbridge multi",
                        List.of(CALLBACK), CLOUD_SCOPES).coveringAllSites())
                .addClient(OAuthClientRegistration.cloud(CLOUD_READONLY, CLOUD_SECRET, "Read only", List.of(CALLBACK),
                        Set.of("read:jira-work", "read:jira-user")))
                .addClient(OAuthClientRegistration.dataCenter("dc912", DC_CLIENT, DC_SECRET, "Testbridge",
                        List.of(CALLBACK), "WRITE"))
                .addClient(OAuthClientRegistration.dataCenter("dc912", DC_READ_CLIENT, DC_SECRET, "Reader",
                        List.of(CALLBACK), "READ"));
        customize(options);
        sim = await(JiraSimulator.start(vertx, options));
        http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    /** Hook for tests that need other options. */
    void customize(SimulatorOptions options) {
    }

    @AfterEach
    void stopSimulator() {
        http.close();
        await(sim.close());
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }

    HttpResponse<Buffer> get(String url) {
        return get(url, null);
    }

    HttpResponse<Buffer> get(String url, String bearer) {
        HttpRequest<Buffer> request = http.requestAbs(HttpMethod.GET, url);
        if (bearer != null) {
            request.bearerTokenAuthentication(bearer);
        }
        return await(request.send());
    }

    HttpResponse<Buffer> postJson(String url, String bearer, JsonObject body) {
        HttpRequest<Buffer> request = http.requestAbs(HttpMethod.POST, url);
        if (bearer != null) {
            request.bearerTokenAuthentication(bearer);
        }
        return await(request.sendJsonObject(body));
    }

    /** A multipart/form-data POST of one file part, with extra headers (e.g. X-Atlassian-Token). */
    HttpResponse<Buffer> postFile(String url, String bearer, String partName, String filename, String contentType, byte[] content,
            Map<String, String> headers) {
        String boundary = "sim-test-boundary-7MA4YWxkTrZu0gW";
        Buffer body = Buffer.buffer().appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + filename + "\"\r\n")
                .appendString("Content-Type: " + contentType + "\r\n\r\n").appendBytes(content)
                .appendString("\r\n--" + boundary + "--\r\n");
        HttpRequest<Buffer> request = http.requestAbs(HttpMethod.POST, url).putHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.forEach(request::putHeader);
        if (bearer != null) {
            request.bearerTokenAuthentication(bearer);
        }
        return await(request.sendBuffer(body));
    }

    HttpResponse<Buffer> postForm(String url, Map<String, String> form) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        form.forEach((k, v) -> {
            if (v != null) {
                map.add(k, v);
            }
        });
        return await(http.requestAbs(HttpMethod.POST, url).sendForm(map));
    }

    // ---- Cloud flow helpers ------------------------------------------------------------------

    String cloudAuthorizeUrl(String clientId, String scope, String state) {
        return sim.cloudAuthUrl() + "/authorize?audience=api.atlassian.com&client_id=" + enc(clientId) + "&scope="
                + enc(scope) + "&redirect_uri=" + enc(CALLBACK) + "&state=" + enc(state)
                + "&response_type=code&prompt=consent";
    }

    /** Opens the consent page, submits the form, and returns the redirect's query parameters. */
    Map<String, String> cloudConsent(String clientId, String scope, String user, String site, String decision) {
        HttpResponse<Buffer> page = get(cloudAuthorizeUrl(clientId, scope, "st-1"));
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        HttpResponse<Buffer> answer = postForm(sim.baseUrl() + "/cloud/auth/authorize", Map.of(
                "consent_request", hiddenField(page.bodyAsString(), "consent_request"), "user", user, "site", site,
                "decision", decision));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(302);
        return query(answer.getHeader("Location"));
    }

    String cloudCode(String clientId, String user, String site) {
        return cloudConsent(clientId, ALL_CLOUD_SCOPES, user, site, "accept").get("code");
    }

    HttpResponse<Buffer> cloudToken(JsonObject body) {
        return await(http.postAbs(sim.cloudAuthUrl() + "/oauth/token").sendJsonObject(body));
    }

    JsonObject exchangeCloudCode(String clientId, String code) {
        HttpResponse<Buffer> response = cloudToken(new JsonObject().put("grant_type", "authorization_code")
                .put("client_id", clientId).put("client_secret", CLOUD_SECRET).put("code", code)
                .put("redirect_uri", CALLBACK));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    /** A full Cloud consent + code exchange for alice on acme. */
    JsonObject cloudTokens(String clientId) {
        return exchangeCloudCode(clientId, cloudCode(clientId, "alice", "acme"));
    }

    HttpResponse<Buffer> refreshCloud(String refreshToken) {
        return cloudToken(new JsonObject().put("grant_type", "refresh_token").put("client_id", CLOUD_APP)
                .put("client_secret", CLOUD_SECRET).put("refresh_token", refreshToken));
    }

    String cloudRest(CloudSite site) {
        return sim.cloudApiUrl() + "/ex/jira/" + site.cloudId() + "/rest/api/3";
    }

    // ---- Data Center flow helpers ------------------------------------------------------------

    String dcAuthorizeUrl(String clientId, String scope, String challenge, String method) {
        StringBuilder url = new StringBuilder(sim.dcBaseUrl("dc912")).append("/rest/oauth2/latest/authorize?client_id=")
                .append(enc(clientId)).append("&redirect_uri=").append(enc(CALLBACK))
                .append("&response_type=code&state=dc-state");
        if (scope != null) {
            url.append("&scope=").append(enc(scope));
        }
        if (challenge != null) {
            url.append("&code_challenge=").append(enc(challenge));
        }
        if (method != null) {
            url.append("&code_challenge_method=").append(method);
        }
        return url.toString();
    }

    Map<String, String> dcConsent(String authorizeUrl, String user, String decision) {
        HttpResponse<Buffer> page = get(authorizeUrl);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        HttpResponse<Buffer> answer = postForm(sim.dcBaseUrl("dc912") + "/rest/oauth2/latest/authorize", Map.of(
                "consent_request", hiddenField(page.bodyAsString(), "consent_request"), "user", user,
                "decision", decision));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(302);
        return query(answer.getHeader("Location"));
    }

    HttpResponse<Buffer> dcToken(Map<String, String> form) {
        return postForm(sim.dcBaseUrl("dc912") + "/rest/oauth2/latest/token", form);
    }

    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-0123456789";

    /** Consent with PKCE and exchange the code: the usual DC flow. */
    JsonObject dcTokens(String clientId, String scope) {
        String code = dcConsent(dcAuthorizeUrl(clientId, scope, Pkce.s256(VERIFIER), "S256"), "bob", "allow")
                .get("code");
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "client_id", clientId,
                "client_secret", DC_SECRET, "code", code, "redirect_uri", CALLBACK));
        form.put("code_verifier", VERIFIER);
        HttpResponse<Buffer> response = dcToken(form);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    String dcRest() {
        return sim.dcBaseUrl("dc912") + "/rest/api/2";
    }

    // ---- small utilities ---------------------------------------------------------------------

    static String hiddenField(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("hidden field %s in %s", name, html).isTrue();
        return matcher.group(1);
    }

    static Map<String, String> query(String location) {
        assertThat(location).isNotNull();
        Map<String, String> params = new HashMap<>();
        String rawQuery = URI.create(location).getRawQuery();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
