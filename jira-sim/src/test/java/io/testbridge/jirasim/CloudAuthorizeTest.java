package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudAuthorizeTest extends SimulatorTestSupport {

    @Test
    void consent_page_names_the_app_scopes_users_and_sites_with_stable_controls() {
        HttpResponse<Buffer> page = get(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "s"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        String html = page.bodyAsString();
        assertThat(html).contains("Testbridge is requesting access")
                .contains("<label for=\"user\">Signed in as</label>").contains("<select id=\"user\" name=\"user\">")
                .contains("<option value=\"alice\">").contains("<option value=\"bob\">")
                .contains("<label for=\"site\">Use app on</label>").contains("<option value=\"acme\">")
                .contains("<option value=\"globex\">").contains("data-scope=\"write:jira-work\"")
                .contains("data-scope=\"offline_access\"")
                .contains("id=\"accept\" name=\"decision\" value=\"accept\"")
                .contains("id=\"deny\" name=\"decision\" value=\"deny\"");
    }

    @Test
    void accept_redirects_with_a_code_and_echoes_state_exactly() {
        String state = "a b&c=d/é+~" ;
        HttpResponse<Buffer> page = get(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, state));
        HttpResponse<Buffer> answer = postForm(sim.baseUrl() + "/cloud/auth/authorize", Map.of("consent_request",
                hiddenField(page.bodyAsString(), "consent_request"), "user", "bob", "site", "globex",
                "decision", "accept"));

        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.getHeader("Location");
        assertThat(location).startsWith(CALLBACK + "?code=");
        Map<String, String> params = query(location);
        assertThat(params.get("state")).isEqualTo(state);
        assertThat(params.get("code")).hasSizeGreaterThan(20);
    }

    @Test
    void deny_redirects_with_access_denied_and_state() {
        Map<String, String> params = cloudConsent(CLOUD_APP, ALL_CLOUD_SCOPES, "alice", "acme", "deny");

        assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "st-1")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void unregistered_redirect_uri_shows_an_error_page_and_never_redirects() {
        String url = sim.cloudAuthUrl() + "/authorize?audience=api.atlassian.com&client_id=" + CLOUD_APP
                + "&scope=read%3Ajira-work&redirect_uri=" + enc("https://evil.example/cb") + "&state=x"
                + "&response_type=code";

        HttpResponse<Buffer> response = get(url);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Location")).isNull();
        assertThat(response.getHeader("Content-Type")).startsWith("text/html");
        assertThat(response.bodyAsString()).contains("id=\"error-code\">invalid_request")
                .doesNotContain("consent_request");
    }

    @Test
    void redirect_uri_must_match_exactly_including_trailing_slash() {
        String url = cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "x").replace(enc(CALLBACK), enc(CALLBACK + "/"));

        HttpResponse<Buffer> response = get(url);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Location")).isNull();
    }

    @Test
    void unknown_client_missing_audience_bad_response_type_and_unconfigured_scope_are_error_pages() {
        assertErrorPage(cloudAuthorizeUrl("nobody", ALL_CLOUD_SCOPES, "x"), "invalid_client");
        assertErrorPage(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "x").replace("audience=api.atlassian.com&", ""),
                "invalid_request");
        assertErrorPage(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "x").replace("response_type=code",
                "response_type=token"), "unsupported_response_type");
        assertErrorPage(cloudAuthorizeUrl(CLOUD_READONLY, ALL_CLOUD_SCOPES, "x"), "invalid_scope");
        assertErrorPage(cloudAuthorizeUrl(CLOUD_APP, "manage:jira-configuration", "x"), "invalid_scope");
    }

    @Test
    void pkce_parameters_are_ignored_on_cloud() {
        HttpResponse<Buffer> page = get(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "x")
                + "&code_challenge=" + Pkce.s256(VERIFIER) + "&code_challenge_method=S256");
        HttpResponse<Buffer> answer = postForm(sim.baseUrl() + "/cloud/auth/authorize", Map.of("consent_request",
                hiddenField(page.bodyAsString(), "consent_request"), "user", "alice", "site", "acme",
                "decision", "accept"));

        // The code is redeemable without any code_verifier.
        exchangeCloudCode(CLOUD_APP, query(answer.getHeader("Location")).get("code"));
    }

    @Test
    void a_consent_request_can_be_answered_only_once() {
        HttpResponse<Buffer> page = get(cloudAuthorizeUrl(CLOUD_APP, ALL_CLOUD_SCOPES, "x"));
        Map<String, String> form = Map.of("consent_request", hiddenField(page.bodyAsString(), "consent_request"),
                "user", "alice", "site", "acme", "decision", "accept");

        assertThat(postForm(sim.baseUrl() + "/cloud/auth/authorize", form).statusCode()).isEqualTo(302);
        HttpResponse<Buffer> second = postForm(sim.baseUrl() + "/cloud/auth/authorize", form);

        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.getHeader("Location")).isNull();
    }

    private void assertErrorPage(String url, String errorCode) {
        HttpResponse<Buffer> response = get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(400);
        assertThat(response.getHeader("Location")).isNull();
        assertThat(response.bodyAsString()).contains("id=\"error-code\">" + errorCode);
    }
}
