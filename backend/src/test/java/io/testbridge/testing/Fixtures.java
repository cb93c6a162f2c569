package io.testbridge.testing;

import io.testbridge.jirasim.OAuthClientRegistration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What most tests need: the first administrator, users with a built-in role, and a Jira Cloud
 * instance on the simulator.
 */
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

    /**
     * The Jira simulator, the application pointed at it with its OAuth client registered there, the
     * administrator, and the Cloud instance "Acme" on site acme, not yet connected (some tests look
     * at it before). Closing stops the application, then the simulator.
     */
    public record CloudInstance(Simulator simulator, RunningApp app, ApiClient admin, long id) implements AutoCloseable {
        public static final String CLIENT_ID = "acme-app";
        public static final String CLIENT_SECRET = "acme-secret";

        /**
         * The administrator connects the instance as alice, through Jira's consent page. Called inside
         * the try-with-resources block, so a failed connection still closes the app and simulator.
         */
        public void connect() {
            ApiClient.Response connected = new OAuthDriver(admin).connect(id, CLIENT_ID, CLIENT_SECRET, "alice", "acme");
            assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        }

        @Override
        public void close() {
            try (simulator) {
                app.close();
            }
        }
    }

    /** @param settings for the application, beyond the Atlassian addresses of the simulator */
    public static CloudInstance cloudInstance(Map<String, String> settings) {
        Simulator simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        RunningApp app = null;
        try {
            Map<String, String> env = new HashMap<>(settings);
            env.put("TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl());
            env.put("TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl());
            app = RunningApp.start(TestDatabase.freshDatabase(), env);
            simulator.jira().registerClient(OAuthClientRegistration.cloud(CloudInstance.CLIENT_ID, CloudInstance.CLIENT_SECRET, "Testbridge",
                    List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
            ApiClient admin = adminClient(app);
            long id = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                    .put("deployment", "CLOUD")).json().getLong("id");
            return new CloudInstance(simulator, app, admin, id);
        } catch (RuntimeException | Error e) {
            // the caller gets nothing to close
            try (simulator) {
                if (app != null) {
                    app.close();
                }
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
