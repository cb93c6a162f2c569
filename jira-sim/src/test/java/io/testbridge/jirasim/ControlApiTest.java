package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

class ControlApiTest extends SimulatorTestSupport {

    @Test
    void summary_lists_urls_and_clients_without_secrets() {
        HttpResponse<Buffer> response = get(sim.controlUrl());

        JsonObject summary = response.bodyAsJsonObject();
        assertThat(summary.getString("cloudAuthUrl")).isEqualTo(sim.cloudAuthUrl());
        assertThat(summary.getJsonArray("sites")).hasSize(2);
        assertThat(summary.getJsonArray("dcInstances")).hasSize(2);
        assertThat(response.bodyAsString()).contains(CLOUD_APP).doesNotContain(CLOUD_SECRET).doesNotContain(DC_SECRET);
    }

    @Test
    void clock_can_be_advanced_over_http_and_ages_tokens() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonObject clock = control(HttpMethod.POST, "/clock/advance", new JsonObject().put("minutes", 61));

        assertThat(clock.getLong("offsetSeconds")).isEqualTo(61 * 60L);
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(401);
    }

    @Test
    void faults_can_be_installed_listed_and_cleared_over_http() {
        control(HttpMethod.POST, "/faults", new JsonObject().put("kind", "rate-limit").put("count", 1)
                .put("retryAfterSeconds", 3).put("flavour", "cloud-site"));

        JsonArray active = await(http.getAbs(sim.controlUrl() + "/faults").send()).bodyAsJsonArray();
        HttpResponse<Buffer> limited = get(sim.siteUrl("acme") + "/_edge/tenant_info");
        control(HttpMethod.POST, "/faults", new JsonObject().put("kind", "html-error").put("flavour", "cloud-site"));
        await(http.deleteAbs(sim.controlUrl() + "/faults").send());

        assertThat(active).hasSize(1);
        assertThat(active.getJsonObject(0).getString("kind")).isEqualTo("rate-limit");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("3");
        assertThat(get(sim.siteUrl("acme") + "/_edge/tenant_info").statusCode()).isEqualTo(200);
    }

    @Test
    void clients_users_sites_and_instances_can_be_registered_over_http() {
        control(HttpMethod.POST, "/users", new JsonObject().put("username", "carol").put("displayName", "Carol"));
        control(HttpMethod.POST, "/sites", new JsonObject().put("name", "initech").put("cloudId", "33333333"));
        control(HttpMethod.POST, "/dc-instances", new JsonObject().put("name", "dc10").put("version", "10.3.1"));
        control(HttpMethod.POST, "/clients", new JsonObject().put("clientId", "new-app").put("clientSecret", "s3")
                .put("redirectUris", new JsonArray().add(CALLBACK)).put("scopes", "read:jira-work read:jira-user"));

        assertThat(get(sim.baseUrl() + "/cloud/sites/initech/_edge/tenant_info").bodyAsJsonObject()
                .getString("cloudId")).isEqualTo("33333333");
        assertThat(get(sim.dcBaseUrl("dc10") + "/rest/api/2/serverInfo").bodyAsJsonObject().getString("version"))
                .isEqualTo("10.3.1");
        String code = cloudConsent("new-app", "read:jira-user", "carol", "initech", "accept").get("code");
        HttpResponse<Buffer> tokens = cloudToken(new JsonObject().put("grant_type", "authorization_code")
                .put("client_id", "new-app").put("client_secret", "s3").put("code", code).put("redirect_uri", CALLBACK));
        assertThat(tokens.statusCode()).isEqualTo(200);
        String access = tokens.bodyAsJsonObject().getString("access_token");
        assertThat(get(sim.cloudApiUrl() + "/ex/jira/33333333/rest/api/3/myself", access).bodyAsJsonObject()
                .getString("displayName")).isEqualTo("Carol");
    }

    @Test
    void bad_control_input_is_a_400() {
        HttpResponse<Buffer> response = await(http.postAbs(sim.controlUrl() + "/faults")
                .sendJsonObject(new JsonObject().put("kind", "meteor-strike")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).contains("meteor-strike");
    }

    @Test
    void revoking_a_users_tokens_and_counters_over_http() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        refreshCloud("not-a-refresh-token");

        JsonObject revoked = control(HttpMethod.POST, "/users/alice/revoke-tokens", new JsonObject());
        JsonObject counters = await(http.getAbs(sim.controlUrl() + "/counters").send()).bodyAsJsonObject();
        JsonArray families = await(http.getAbs(sim.controlUrl() + "/token-families").send()).bodyAsJsonArray();

        assertThat(revoked.getInteger("revoked")).isEqualTo(1);
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(401);
        assertThat(counters.getJsonObject("calls").getLong("POST /cloud/auth/oauth/token")).isEqualTo(2L);
        assertThat(counters.getJsonObject("refreshCallsByFamily").getInteger("fam-1")).isZero();
        assertThat(families.getJsonObject(0).getBoolean("revoked")).isTrue();
        assertThat(families.encode()).doesNotContain(token);
    }

    @Test
    void issues_can_be_deleted_over_http() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        HttpResponse<Buffer> deleted = await(http.deleteAbs(sim.controlUrl() + "/sites/acme/issues/TB-3").send());
        HttpResponse<Buffer> again = await(http.deleteAbs(sim.controlUrl() + "/sites/acme/issues/TB-3").send());

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(get(cloudRest(ACME) + "/issue/TB-3", token).statusCode()).isEqualTo(404);
    }

    private JsonObject control(HttpMethod method, String path, JsonObject body) {
        HttpResponse<Buffer> response = await(http.requestAbs(method, sim.controlUrl() + path).sendJsonObject(body));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }
}
