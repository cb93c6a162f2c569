package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcOAuthTest extends SimulatorTestSupport {

    @Test
    void server_info_reports_the_configured_version() {
        JsonObject dc912 = get(sim.dcBaseUrl("dc912") + "/rest/api/2/serverInfo").bodyAsJsonObject();
        JsonObject dc820 = get(sim.dcBaseUrl("dc820") + "/rest/api/2/serverInfo").bodyAsJsonObject();

        assertThat(dc912.getString("version")).isEqualTo("9.12.0");
        assertThat(dc912.getJsonArray("versionNumbers").getList()).containsExactly(9, 12, 0);
        assertThat(dc912.getString("baseUrl")).isEqualTo(sim.dcBaseUrl("dc912"));
        assertThat(dc912.getString("deploymentType")).isEqualTo("Server");
        assertThat(dc912.getString("serverTitle")).isNotBlank();
        assertThat(dc912.getLong("buildNumber")).isPositive();
        assertThat(dc820.getString("version")).isEqualTo("8.20.10");
    }

    @Test
    void an_upgraded_instance_reports_its_new_version() {
        sim.putDcInstance(DcInstance.of("dc820", "8.22.0"));

        JsonObject info = get(sim.dcBaseUrl("dc820") + "/rest/api/2/serverInfo").bodyAsJsonObject();

        assertThat(info.getJsonArray("versionNumbers").getList()).containsExactly(8, 22, 0);
    }

    @Test
    void jira_older_than_8_22_has_no_oauth_provider() {
        assertThat(get(sim.dcBaseUrl("dc820") + "/rest/oauth2/latest/authorize?client_id=x").statusCode())
                .isEqualTo(404);
        assertThat(postForm(sim.dcBaseUrl("dc820") + "/rest/oauth2/latest/token", Map.of("grant_type", "x"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void a_jira_enforcing_https_refuses_an_http_redirect_url_and_authorization_on_its_http_base_url() {
        sim.putDcInstance(DcInstance.of("strict", "9.12.0").enforcingHttps());

        assertThatThrownBy(() -> sim.registerClient(OAuthClientRegistration.dataCenter("strict", "strict-client", DC_SECRET, "Testbridge",
                List.of(CALLBACK), "WRITE"))).hasMessageContaining("skip.redirect.url.https.requirement");
        sim.registerClient(OAuthClientRegistration.dataCenter("strict", "strict-client", DC_SECRET, "Testbridge",
                List.of("https://testbridge.example.com/oauth/callback"), "WRITE"));
        HttpResponse<Buffer> page = get(sim.dcBaseUrl("strict") + "/rest/oauth2/latest/authorize?client_id=strict-client&redirect_uri="
                + enc("https://testbridge.example.com/oauth/callback") + "&response_type=code&state=s&scope=WRITE");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.bodyAsString()).contains("skip.base.url.https.requirement");
    }

    @Test
    void consent_page_offers_allow_and_deny_and_a_user_select() {
        String html = get(dcAuthorizeUrl(DC_CLIENT, "WRITE", Pkce.s256(VERIFIER), "S256")).bodyAsString();

        assertThat(html).contains("<select id=\"user\" name=\"user\">").contains("value=\"allow\">Allow</button>")
                .contains("value=\"deny\">Deny</button>").contains("data-scope=\"WRITE\"");
    }

    @Test
    void pkce_flow_issues_tokens_that_work_on_rest_v2() {
        JsonObject tokens = dcTokens(DC_CLIENT, "WRITE");

        assertThat(tokens.getString("refresh_token")).isNotBlank();
        assertThat(tokens.getLong("expires_in")).isEqualTo(3600L);
        assertThat(tokens.getString("scope")).isEqualTo("WRITE");
        JsonObject me = get(dcRest() + "/myself", tokens.getString("access_token")).bodyAsJsonObject();
        assertThat(me.getString("name")).isEqualTo("bob");
        assertThat(me.getString("key")).isEqualTo("bob");
        assertThat(me.getString("displayName")).isEqualTo("Bob Tester");
    }

    @Test
    void pkce_verifier_mismatch_or_absence_fails_with_invalid_grant() {
        String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", Pkce.s256(VERIFIER), "S256"), "bob", "allow")
                .get("code");
        Map<String, String> form = codeForm(code);
        form.put("code_verifier", VERIFIER.replace('d', 'e'));

        HttpResponse<Buffer> wrong = dcToken(form);
        form.remove("code_verifier");
        HttpResponse<Buffer> missing = dcToken(form);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void plain_pkce_method_is_refused_with_an_error_redirect() {
        HttpResponse<Buffer> response = get(dcAuthorizeUrl(DC_CLIENT, "WRITE", VERIFIER, "plain"));

        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> params = query(response.getHeader("Location"));
        assertThat(params).containsEntry("error", "invalid_request").containsEntry("state", "dc-state");
    }

    @Test
    void a_scope_beyond_the_links_permission_is_refused() {
        HttpResponse<Buffer> response = get(dcAuthorizeUrl(DC_CLIENT, "ADMIN", null, null));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(query(response.getHeader("Location"))).containsEntry("error", "invalid_scope");
    }

    @Test
    void unregistered_redirect_uri_or_unknown_client_show_an_error_page() {
        HttpResponse<Buffer> badRedirect = get(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null)
                .replace(enc(CALLBACK), enc("https://evil.example/cb")));
        HttpResponse<Buffer> unknownClient = get(dcAuthorizeUrl("nobody", "WRITE", null, null));

        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(badRedirect.getHeader("Location")).isNull();
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(unknownClient.getHeader("Location")).isNull();
    }

    @Test
    void deny_redirects_with_access_denied() {
        Map<String, String> params = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null), "alice", "deny");

        assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "dc-state");
    }

    @Test
    void the_code_expires_after_ten_seconds() {
        String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null), "bob", "allow").get("code");
        sim.advanceClock(Duration.ofSeconds(11));

        HttpResponse<Buffer> response = dcToken(codeForm(code));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void a_code_without_pkce_is_redeemed_within_ten_seconds_once() {
        String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null), "bob", "allow").get("code");
        sim.advanceClock(Duration.ofSeconds(9));

        assertThat(dcToken(codeForm(code)).statusCode()).isEqualTo(200);
        assertThat(dcToken(codeForm(code)).statusCode()).isEqualTo(400);
    }

    @Test
    void the_token_endpoint_takes_form_bodies_only() {
        String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null), "bob", "allow").get("code");
        JsonObject json = new JsonObject();
        codeForm(code).forEach(json::put);

        HttpResponse<Buffer> response = postJson(sim.dcBaseUrl("dc912") + "/rest/oauth2/latest/token", null, json);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(dcToken(codeForm(code)).statusCode()).as("the code is still usable").isEqualTo(200);
    }

    @Test
    void wrong_client_secret_is_invalid_client() {
        String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", null, null), "bob", "allow").get("code");
        Map<String, String> form = codeForm(code);
        form.put("client_secret", "wrong");

        HttpResponse<Buffer> response = dcToken(form);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void refresh_without_redirect_uri_fails_with_a_bare_invalid_grant() {
        JsonObject tokens = dcTokens(DC_CLIENT, "WRITE");

        HttpResponse<Buffer> response = dcToken(Map.of("grant_type", "refresh_token", "client_id", DC_CLIENT,
                "client_secret", DC_SECRET, "refresh_token", tokens.getString("refresh_token")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_grant"));
    }

    @Test
    void refresh_with_redirect_uri_rotates_the_refresh_token() {
        JsonObject tokens = dcTokens(DC_CLIENT, "WRITE");
        Map<String, String> refresh = new HashMap<>(Map.of("grant_type", "refresh_token", "client_id", DC_CLIENT,
                "client_secret", DC_SECRET, "refresh_token", tokens.getString("refresh_token"),
                "redirect_uri", CALLBACK));

        HttpResponse<Buffer> first = dcToken(refresh);
        HttpResponse<Buffer> reuse = dcToken(refresh);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject renewed = first.bodyAsJsonObject();
        assertThat(renewed.getString("refresh_token")).isNotEqualTo(tokens.getString("refresh_token"));
        assertThat(get(dcRest() + "/myself", renewed.getString("access_token")).statusCode()).isEqualTo(200);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(reuse.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void refresh_with_another_redirect_uri_than_at_consent_fails_with_a_bare_invalid_grant() {
        JsonObject tokens = dcTokens(DC_CLIENT, "WRITE");

        HttpResponse<Buffer> response = dcToken(Map.of("grant_type", "refresh_token", "client_id", DC_CLIENT,
                "client_secret", DC_SECRET, "refresh_token", tokens.getString("refresh_token"),
                "redirect_uri", "https://moved.example.com/oauth/callback"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_grant"));
    }

    @Test
    void a_basic_only_link_refuses_the_secret_in_the_body_and_takes_it_as_http_basic() {
        String secret = "dc basic:secret+/=";
        sim.registerClient(OAuthClientRegistration.dataCenter("dc912", "dc-basic", secret, "Basic only",
                List.of(CALLBACK), "WRITE").acceptingOnlyBasicAuthentication().omittingScopeFromTokenAnswers());
        String code = dcConsent(dcAuthorizeUrl("dc-basic", "WRITE", Pkce.s256(VERIFIER), "S256"), "bob", "allow").get("code");
        Map<String, String> inBody = new HashMap<>(Map.of("grant_type", "authorization_code", "client_id", "dc-basic",
                "client_secret", secret, "code", code, "redirect_uri", CALLBACK, "code_verifier", VERIFIER));

        HttpResponse<Buffer> refused = dcToken(inBody);
        inBody.remove("client_secret");
        inBody.remove("client_id");
        // RFC 6749 §2.3.1: both form-urlencoded, then joined with ':' and base64-encoded
        String basic = java.util.Base64.getEncoder().encodeToString((enc("dc-basic") + ":" + enc(secret))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(inBody);
        HttpResponse<Buffer> accepted = await(http.postAbs(sim.dcBaseUrl("dc912") + "/rest/oauth2/latest/token")
                .putHeader("Authorization", "Basic " + basic).sendForm(form));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
        assertThat(accepted.bodyAsJsonObject().getString("access_token")).isNotBlank();
        assertThat(accepted.bodyAsJsonObject().containsKey("scope")).as("scope omitted").isFalse();
    }

    @Test
    void server_info_behind_a_login_needs_a_bearer_token() {
        String token = dcTokens(DC_CLIENT, "WRITE").getString("access_token");
        sim.putDcInstance(DcInstance.of("dc912", "9.12.0").withServerInfoBehindLogin());

        HttpResponse<Buffer> anonymous = get(dcRest() + "/serverInfo");
        HttpResponse<Buffer> signedIn = get(dcRest() + "/serverInfo", token);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.bodyAsString()).doesNotContain("9.12.0");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.bodyAsJsonObject().getString("version")).isEqualTo("9.12.0");
    }

    @Test
    void dc_tokens_do_not_work_on_cloud_or_other_instances() {
        String token = dcTokens(DC_CLIENT, "WRITE").getString("access_token");

        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(401);
        assertThat(get(sim.dcBaseUrl("dc820") + "/rest/api/2/myself", token).statusCode()).isEqualTo(401);
    }

    private static Map<String, String> codeForm(String code) {
        return new HashMap<>(Map.of("grant_type", "authorization_code", "client_id", DC_CLIENT, "client_secret",
                DC_SECRET, "code", code, "redirect_uri", CALLBACK));
    }
}
