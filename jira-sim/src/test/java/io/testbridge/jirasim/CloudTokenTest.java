package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudTokenTest extends SimulatorTestSupport {

    @Test
    void code_exchange_with_json_body_returns_bearer_tokens() {
        JsonObject tokens = exchangeCloudCode(CLOUD_APP, cloudCode(CLOUD_APP, "alice", "acme"));

        assertThat(tokens.getString("access_token")).isNotBlank();
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        assertThat(tokens.getLong("expires_in")).isEqualTo(3600L);
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.getString("scope").split(" ")).containsExactlyInAnyOrder("read:jira-work",
                "read:jira-user", "write:jira-work", "offline_access");
    }

    @Test
    void code_exchange_accepts_form_bodies_and_basic_client_credentials() {
        String code = cloudCode(CLOUD_APP, "alice", "acme");
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", CALLBACK);

        HttpResponse<Buffer> response = await(http.postAbs(sim.cloudAuthUrl() + "/oauth/token")
                .basicAuthentication(CLOUD_APP, CLOUD_SECRET).sendForm(form));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void a_basic_only_app_answers_invalid_client_to_a_secret_in_the_body_and_can_omit_scope() {
        sim.registerClient(OAuthClientRegistration.cloud("basic-app", CLOUD_SECRET, "Basic only", java.util.List.of(CALLBACK),
                CLOUD_SCOPES).acceptingOnlyBasicAuthentication().omittingScopeFromTokenAnswers());
        String code = cloudCode("basic-app", "alice", "acme");

        HttpResponse<Buffer> refused = cloudToken(new JsonObject().put("grant_type", "authorization_code")
                .put("client_id", "basic-app").put("client_secret", CLOUD_SECRET).put("code", code).put("redirect_uri", CALLBACK));
        HttpResponse<Buffer> accepted = await(http.postAbs(sim.cloudAuthUrl() + "/oauth/token").basicAuthentication("basic-app", CLOUD_SECRET)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                        .add("redirect_uri", CALLBACK)));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
        assertThat(accepted.bodyAsJsonObject().containsKey("scope")).isFalse();
    }

    @Test
    void no_refresh_token_without_offline_access() {
        String code = cloudConsent(CLOUD_APP, "read:jira-work read:jira-user", "alice", "acme", "accept").get("code");

        JsonObject tokens = exchangeCloudCode(CLOUD_APP, code);

        assertThat(tokens.containsKey("refresh_token")).isFalse();
        assertThat(tokens.getString("scope")).doesNotContain("offline_access");
    }

    @Test
    void a_code_works_once() {
        String code = cloudCode(CLOUD_APP, "alice", "acme");
        exchangeCloudCode(CLOUD_APP, code);

        HttpResponse<Buffer> second = cloudToken(codeRequest(code, CLOUD_SECRET, CALLBACK));

        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_request")
                .put("error_description", "authorization_code is invalid"));
    }

    @Test
    void a_code_expires_after_ten_minutes() {
        String fresh = cloudCode(CLOUD_APP, "alice", "acme");
        String stale = cloudCode(CLOUD_APP, "bob", "acme");
        sim.advanceClock(Duration.ofMinutes(9));
        exchangeCloudCode(CLOUD_APP, fresh);

        sim.advanceClock(Duration.ofMinutes(2));
        HttpResponse<Buffer> response = cloudToken(codeRequest(stale, CLOUD_SECRET, CALLBACK));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error_description")).isEqualTo("authorization_code is invalid");
    }

    @Test
    void a_code_is_bound_to_its_redirect_uri() {
        String code = cloudCode(CLOUD_APP, "alice", "acme");

        HttpResponse<Buffer> response = cloudToken(codeRequest(code, CLOUD_SECRET, CALLBACK + "/other"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void a_code_is_bound_to_its_client() {
        String code = cloudCode(CLOUD_APP, "alice", "acme");

        HttpResponse<Buffer> response = cloudToken(codeRequest(code, CLOUD_SECRET, CALLBACK)
                .put("client_id", CLOUD_MULTI));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void wrong_client_secret_and_unknown_client_are_401_access_denied() {
        String code = cloudCode(CLOUD_APP, "alice", "acme");
        JsonObject expected = new JsonObject().put("error", "access_denied").put("error_description", "Unauthorized");

        HttpResponse<Buffer> wrongSecret = cloudToken(codeRequest(code, "not-the-secret", CALLBACK));
        HttpResponse<Buffer> unknownClient = cloudToken(codeRequest(code, CLOUD_SECRET, CALLBACK)
                .put("client_id", "nobody"));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.bodyAsJsonObject()).isEqualTo(expected);
        assertThat(unknownClient.statusCode()).isEqualTo(401);
        assertThat(unknownClient.bodyAsJsonObject()).isEqualTo(expected);
        // The code was not spent by the failed attempts.
        exchangeCloudCode(CLOUD_APP, code);
    }

    @Test
    void missing_or_unknown_grant_type_is_refused() {
        HttpResponse<Buffer> missing = cloudToken(new JsonObject().put("client_id", CLOUD_APP)
                .put("client_secret", CLOUD_SECRET));
        HttpResponse<Buffer> unknown = cloudToken(new JsonObject().put("grant_type", "password")
                .put("client_id", CLOUD_APP).put("client_secret", CLOUD_SECRET));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_grant_type");
    }

    private static JsonObject codeRequest(String code, String secret, String redirectUri) {
        return new JsonObject().put("grant_type", "authorization_code").put("client_id", CLOUD_APP)
                .put("client_secret", secret).put("code", code).put("redirect_uri", redirectUri);
    }
}
