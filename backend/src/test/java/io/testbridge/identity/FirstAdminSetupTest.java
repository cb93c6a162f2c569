package io.testbridge.identity;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FirstAdminSetupTest {

    private static JsonObject admin(String username) {
        return new JsonObject().put("username", username).put("displayName", "First Admin")
                .put("email", "first@example.com").put("password", "a long enough password");
    }

    @Test
    void the_first_administrator_can_be_created_once_and_then_logs_in_with_every_right() {
        try (RunningApp app = RunningApp.start()) {
            ApiClient client = app.client();
            assertThat(client.get("/api/setup").json().getBoolean("needsAdmin")).isTrue();

            ApiClient.Response created = client.post("/api/setup/admin", admin("root"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().getJsonArray("roles").getJsonObject(0).getString("name")).isEqualTo("Administrator");
            assertThat(client.get("/api/setup").json().getBoolean("needsAdmin")).isFalse();

            ApiClient.Response again = client.post("/api/setup/admin", admin("intruder"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("conflict");

            ApiClient.Response login = client.login("ROOT", "a long enough password");
            assertThat(login.status()).as("usernames are case-insensitive").isEqualTo(200);
            assertThat(login.json().getJsonArray("rights").getList()).containsExactlyInAnyOrder(
                    (Object[]) java.util.Arrays.stream(Right.values()).map(Right::name).toArray(String[]::new));
        }
    }

    @Test
    void concurrent_first_admin_requests_create_exactly_one_administrator() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                String name = "admin" + i;
                futures.add(pool.submit(() -> app.client().post("/api/setup/admin", admin(name)).status()));
            }
            long created = 0;
            for (var future : futures) {
                int status = future.get();
                assertThat(status).isIn(201, 409);
                created += status == 201 ? 1 : 0;
            }
            pool.shutdown();
            assertThat(created).isEqualTo(1);
        }
    }

    @Test
    void a_headless_install_creates_the_administrator_from_the_environment_on_first_start() {
        var db = TestDatabase.freshDatabase();
        try (RunningApp app = RunningApp.start(db, Map.of(
                "TESTBRIDGE_INITIAL_ADMIN_USERNAME", "ops",
                "TESTBRIDGE_INITIAL_ADMIN_PASSWORD", "from the environment 1"))) {
            ApiClient client = app.client();
            assertThat(client.get("/api/setup").json().getBoolean("needsAdmin")).isFalse();
            assertThat(client.login("ops", "from the environment 1").status()).isEqualTo(200);
            assertThat(client.get("/api/users").json().getJsonArray("items")).hasSize(1);
        }
    }

    @Test
    void bad_input_is_refused_with_the_field_named() {
        try (RunningApp app = RunningApp.start()) {
            ApiClient client = app.client();
            assertField(client.post("/api/setup/admin", admin("x").put("username", "")), "username");
            assertField(client.post("/api/setup/admin", admin("ok").put("password", "short")), "password");
            assertField(client.post("/api/setup/admin", admin("ok").put("email", "not-an-email")), "email");
            assertField(client.post("/api/setup/admin", admin("ok").put("displayName", "   ")), "displayName");
            assertField(client.post("/api/setup/admin", admin("ok").put("displayName", "x".repeat(10_000))), "displayName");
            assertField(client.post("/api/setup/admin", admin("ok").put("extra", true)), "extra");
            assertField(client.post("/api/setup/admin", admin("ok").put("password", 42)), "password");
            JsonObject missing = admin("ok");
            missing.remove("email");
            assertField(client.post("/api/setup/admin", missing), "email");
            assertField(client.send("POST", "/api/setup/admin", "{not json", "application/json"), "body");

            ApiClient.Response plain = client.send("POST", "/api/setup/admin", "hello", "text/plain");
            assertThat(plain.status()).isEqualTo(415);
            assertThat(client.get("/api/setup").json().getBoolean("needsAdmin")).as("nothing was created").isTrue();
        }
    }

    private static void assertField(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.errorField()).as(response.body()).isEqualTo(field);
        assertThat(response.json().getJsonObject("error").getString("message")).contains(field);
    }
}
