package io.testbridge.identity;

import io.testbridge.errors.Failure;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @Test
    void common_passwords_and_repeated_characters_are_refused_whatever_their_case_and_swaps() {
        for (String weak : new String[] {"password1234", "Password1234", "PASSW0RD1234", "p@ssword1234", "qwerty123456", "aaaaaaaaaaaa", "abababababab"}) {
            assertThatThrownBy(() -> PasswordPolicy.requireStrong(weak)).as(weak).isInstanceOf(Failure.class)
                    .satisfies(e -> assertThat(((Failure) e).field()).isEqualTo("password"));
        }
        for (String fine : new String[] {"admin password 123", "correct horse battery", "tester password 123"}) {
            assertThatCode(() -> PasswordPolicy.requireStrong(fine)).as(fine).doesNotThrowAnyException();
        }
    }

    @Test
    void the_api_refuses_a_common_password_for_a_new_user_and_a_new_password_with_a_400_on_the_field() {
        try (RunningApp app = RunningApp.start()) {
            ApiClient admin = app.client();
            ApiClient.Response setup = admin.post("/api/setup/admin", new JsonObject().put("username", "admin")
                    .put("displayName", "Ada").put("email", "ada@example.com").put("password", "Password1234"));
            assertThat(setup.status()).as(setup.body()).isEqualTo(400);
            assertThat(setup.errorField()).isEqualTo("password");
            admin = Fixtures.adminClient(app);

            ApiClient.Response created = admin.post("/api/users", new JsonObject().put("username", "tess").put("displayName", "Tess")
                    .put("email", "tess@example.com").put("password", "qwertyuiop123").put("roleIds", new JsonArray()));
            assertThat(created.status()).as(created.body()).isEqualTo(400);
            assertThat(created.errorCode()).isEqualTo("invalid_request");
            assertThat(created.errorField()).isEqualTo("password");

            long tess = Fixtures.createUser(admin, "tess", "tess password 123", "Tester");
            ApiClient.Response changed = admin.put("/api/users/" + tess + "/password", new JsonObject().put("password", "password12345"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(400);
            assertThat(changed.errorField()).isEqualTo("password");
            assertThat(app.client().login("tess", "tess password 123").status()).as("the old password still works").isEqualTo(200);
        }
    }
}
