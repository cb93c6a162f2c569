package io.testbridge.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** People most tests need: the first administrator, and users with a built-in role. */
public final class Fixtures {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin password 123";

    private Fixtures() {
    }

    public static ApiClient adminClient(RunningApp app) {
        ApiClient client = app.client();
        if (client.get("/api/setup").json().getBoolean("needsAdmin")) {
            ApiClient.Response created = client.post("/api/setup/admin", new JsonObject().put("username", ADMIN)
                    .put("displayName", "Ada Admin").put("email", "ada@example.com").put("password", ADMIN_PASSWORD));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        assertThat(client.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        return client;
    }

    public static long roleId(ApiClient admin, String roleName) {
        JsonArray roles = admin.get("/api/roles").json().getJsonArray("items");
        for (int i = 0; i < roles.size(); i++) {
            if (roles.getJsonObject(i).getString("name").equals(roleName)) {
                return roles.getJsonObject(i).getLong("id");
            }
        }
        throw new IllegalArgumentException("no role " + roleName);
    }

    /** Creates a user holding one role (or none when roleName is null) and returns their id. */
    public static long createUser(ApiClient admin, String username, String password, String roleName) {
        JsonArray roleIds = roleName == null ? new JsonArray() : new JsonArray().add(roleId(admin, roleName));
        ApiClient.Response response = admin.post("/api/users", new JsonObject().put("username", username)
                .put("displayName", username + " Example").put("email", username + "@example.com")
                .put("password", password).put("roleIds", roleIds));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getLong("id");
    }
}
