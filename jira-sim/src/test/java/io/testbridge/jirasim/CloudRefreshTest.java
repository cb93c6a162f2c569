package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudRefreshTest extends SimulatorTestSupport {

    private static final JsonObject INVALID_REFRESH = new JsonObject().put("error", "invalid_grant")
            .put("error_description", "Unknown or invalid refresh token.");

    @Test
    void refresh_returns_a_new_pair_and_rotates_the_refresh_token() {
        JsonObject first = cloudTokens(CLOUD_APP);

        HttpResponse<Buffer> response = refreshCloud(first.getString("refresh_token"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject second = response.bodyAsJsonObject();
        assertThat(second.getString("access_token")).isNotEqualTo(first.getString("access_token"));
        assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
        assertThat(second.getString("token_type")).isEqualTo("Bearer");
        assertThat(get(cloudRest(ACME) + "/myself", second.getString("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void rotated_refresh_token_reused_within_ten_minutes_still_works() {
        JsonObject first = cloudTokens(CLOUD_APP);
        assertThat(refreshCloud(first.getString("refresh_token")).statusCode()).isEqualTo(200);
        sim.advanceClock(Duration.ofMinutes(9));

        HttpResponse<Buffer> reuse = refreshCloud(first.getString("refresh_token"));

        assertThat(reuse.statusCode()).isEqualTo(200);
        String access = reuse.bodyAsJsonObject().getString("access_token");
        assertThat(get(cloudRest(ACME) + "/myself", access).statusCode()).isEqualTo(200);
    }

    @Test
    void rotated_refresh_token_reused_after_the_leeway_revokes_the_whole_family() {
        JsonObject first = cloudTokens(CLOUD_APP);
        JsonObject second = refreshCloud(first.getString("refresh_token")).bodyAsJsonObject();
        sim.advanceClock(Duration.ofMinutes(5));
        JsonObject third = refreshCloud(second.getString("refresh_token")).bodyAsJsonObject();
        assertThat(get(cloudRest(ACME) + "/myself", third.getString("access_token")).statusCode()).isEqualTo(200);
        sim.advanceClock(Duration.ofMinutes(6));

        HttpResponse<Buffer> lateReuse = refreshCloud(first.getString("refresh_token"));

        assertThat(lateReuse.statusCode()).isEqualTo(403);
        assertThat(lateReuse.bodyAsJsonObject()).isEqualTo(INVALID_REFRESH);
        HttpResponse<Buffer> newest = get(cloudRest(ACME) + "/myself", third.getString("access_token"));
        assertThat(newest.statusCode()).isEqualTo(401);
        assertThat(refreshCloud(third.getString("refresh_token")).statusCode()).isEqualTo(403);
        assertThat(sim.tokenFamilies()).singleElement().satisfies(family -> assertThat(family.revoked()).isTrue());
    }

    @Test
    void the_access_token_of_a_rotated_pair_dies_when_the_leeway_ends() {
        JsonObject first = cloudTokens(CLOUD_APP);
        JsonObject second = refreshCloud(first.getString("refresh_token")).bodyAsJsonObject();
        sim.advanceClock(Duration.ofMinutes(9));
        assertThat(get(cloudRest(ACME) + "/myself", first.getString("access_token")).statusCode()).isEqualTo(200);

        sim.advanceClock(Duration.ofMinutes(2));

        assertThat(get(cloudRest(ACME) + "/myself", first.getString("access_token")).statusCode()).isEqualTo(401);
        assertThat(get(cloudRest(ACME) + "/myself", second.getString("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_refresh_token_is_403_invalid_grant() {
        HttpResponse<Buffer> response = refreshCloud("not-a-token");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject()).isEqualTo(INVALID_REFRESH);
    }

    @Test
    void a_refresh_token_unused_for_ninety_days_expires() {
        JsonObject tokens = cloudTokens(CLOUD_APP);
        sim.advanceClock(Duration.ofDays(89));
        JsonObject renewed = refreshCloud(tokens.getString("refresh_token")).bodyAsJsonObject();

        sim.advanceClock(Duration.ofDays(90).plusMinutes(1));

        assertThat(refreshCloud(renewed.getString("refresh_token")).statusCode()).isEqualTo(403);
    }

    @Test
    void the_family_expires_365_days_after_consent_however_often_it_is_refreshed() {
        String refresh = cloudTokens(CLOUD_APP).getString("refresh_token");
        for (int i = 0; i < 6; i++) {
            sim.advanceClock(Duration.ofDays(60));
            HttpResponse<Buffer> response = refreshCloud(refresh);
            assertThat(response.statusCode()).as("refresh after %d days", 60 * (i + 1)).isEqualTo(200);
            refresh = response.bodyAsJsonObject().getString("refresh_token");
        }

        sim.advanceClock(Duration.ofDays(6));

        assertThat(refreshCloud(refresh).statusCode()).isEqualTo(403);
    }

    @Test
    void expired_access_token_gets_401_and_a_refresh_brings_access_back() {
        JsonObject tokens = cloudTokens(CLOUD_APP);
        sim.advanceClock(Duration.ofMinutes(61));

        HttpResponse<Buffer> expired = get(cloudRest(ACME) + "/myself", tokens.getString("access_token"));

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.bodyAsJsonObject()).isEqualTo(new JsonObject().put("code", 401)
                .put("message", "Unauthorized"));
        assertThat(expired.getHeader("WWW-Authenticate")).startsWith("Bearer");
        String fresh = refreshCloud(tokens.getString("refresh_token")).bodyAsJsonObject().getString("access_token");
        assertThat(get(cloudRest(ACME) + "/myself", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void counters_count_refresh_calls_per_token_family() {
        JsonObject alice = cloudTokens(CLOUD_APP);
        JsonObject bob = exchangeCloudCode(CLOUD_APP, cloudCode(CLOUD_APP, "bob", "globex"));
        String aliceRefresh = alice.getString("refresh_token");
        for (int i = 0; i < 3; i++) {
            aliceRefresh = refreshCloud(aliceRefresh).bodyAsJsonObject().getString("refresh_token");
        }
        refreshCloud(bob.getString("refresh_token"));

        String aliceFamily = sim.tokenFamilyOf(aliceRefresh).orElseThrow().id();
        String bobFamily = sim.tokenFamilyOf(bob.getString("access_token")).orElseThrow().id();
        assertThat(sim.refreshCalls(aliceFamily)).isEqualTo(3);
        assertThat(sim.refreshCalls(bobFamily)).isEqualTo(1);
        assertThat(sim.counters().count("POST", "/cloud/auth/oauth/token")).isEqualTo(2 + 4);

        sim.resetCounters();

        assertThat(sim.refreshCalls(aliceFamily)).isZero();
        assertThat(sim.counters().count("POST", "/cloud/auth/oauth/token")).isZero();
    }

    @Test
    void revoking_a_users_tokens_makes_access_and_refresh_fail() {
        JsonObject tokens = cloudTokens(CLOUD_APP);

        assertThat(sim.revokeUserTokens("alice", null)).isEqualTo(1);

        assertThat(get(cloudRest(ACME) + "/myself", tokens.getString("access_token")).statusCode()).isEqualTo(401);
        assertThat(refreshCloud(tokens.getString("refresh_token")).bodyAsJsonObject()).isEqualTo(INVALID_REFRESH);
    }
}
