package io.testbridge.identity;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeOwnPasswordTest {
    private static final String OLD = "tess password 123";
    private static final String NEW = "a brand new passphrase";

    @Test
    void a_user_changes_their_own_password_and_every_session_ends() {
        try (RunningApp app = RunningApp.start()) {
            Fixtures.createUser(Fixtures.adminClient(app), "tess", OLD, "Viewer");
            ApiClient tess = app.client();
            assertThat(tess.login("tess", OLD).status()).isEqualTo(200);
            ApiClient otherBrowser = app.client();
            assertThat(otherBrowser.login("tess", OLD).status()).isEqualTo(200);

            ApiClient.Response weak = tess.put("/api/me/password", new JsonObject().put("currentPassword", OLD).put("newPassword", "Password1234"));
            assertThat(weak.status()).as(weak.body()).isEqualTo(400);
            assertThat(weak.errorField()).isEqualTo("newPassword");

            ApiClient.Response changed = tess.put("/api/me/password", new JsonObject().put("currentPassword", OLD).put("newPassword", NEW));
            assertThat(changed.status()).as(changed.body()).isEqualTo(204);
            assertThat(tess.get("/api/me").status()).isEqualTo(401);
            assertThat(otherBrowser.get("/api/me").status()).isEqualTo(401);
            assertThat(app.client().login("tess", OLD).status()).isEqualTo(401);
            assertThat(app.client().login("tess", NEW).status()).isEqualTo(200);
        }
    }

    @Test
    void a_stolen_session_cannot_guess_the_current_password_past_the_login_limit() {
        try (RunningApp app = RunningApp.start()) {
            Fixtures.createUser(Fixtures.adminClient(app), "tess", OLD, "Viewer");
            ApiClient thief = app.client();
            assertThat(thief.login("tess", OLD).status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                ApiClient.Response wrong = thief.put("/api/me/password", new JsonObject().put("currentPassword", "guess " + i).put("newPassword", NEW));
                assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
                assertThat(wrong.errorField()).isEqualTo("currentPassword");
            }
            ApiClient.Response throttled = thief.put("/api/me/password", new JsonObject().put("currentPassword", OLD).put("newPassword", NEW));
            assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            app.clock().advance(Duration.ofSeconds(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())));
            assertThat(app.client().login("tess", NEW).status()).as("nothing changed").isEqualTo(401);
            assertThat(app.client().login("tess", OLD).status()).isEqualTo(200);
        }
    }
}
