package io.testbridge.identity;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserAdministrationTest {
    private static RunningApp app;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        admin = Fixtures.adminClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_admin_adds_a_tester_who_gets_exactly_the_tester_rights() {
        Fixtures.createUser(admin, "terry", "terry password 1", "Tester");
        ApiClient terry = app.client();
        ApiClient.Response login = terry.login("terry", "terry password 1");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().getJsonArray("rights").getList())
                .containsExactlyInAnyOrder("ISSUES_VIEW", "ISSUES_CREATE", "SUITES_VIEW", "SUITES_MODIFY", "CASES_VIEW", "CASES_MODIFY",
                        "CYCLES_VIEW", "CYCLES_MODIFY", "CYCLES_EXECUTE");
        assertThat(terry.get("/api/integrations").status()).isEqualTo(403);
        assertThat(terry.get("/api/users").status()).isEqualTo(403);
    }

    @Test
    void a_duplicate_username_is_a_conflict_naming_the_field() {
        Fixtures.createUser(admin, "dupe", "dupe password 12", "Viewer");
        ApiClient.Response again = admin.post("/api/users", new JsonObject().put("username", "DUPE").put("displayName", "D")
                .put("email", "d@example.com").put("password", "dupe password 12").put("roleIds", new JsonArray()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorField()).isEqualTo("username");
    }

    @Test
    void an_unknown_role_is_refused_and_nothing_is_created() {
        ApiClient.Response response = admin.post("/api/users", new JsonObject().put("username", "ghost").put("displayName", "G")
                .put("email", "g@example.com").put("password", "ghost password 1").put("roleIds", new JsonArray().add(987654)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorField()).isEqualTo("roleIds");
        assertThat(admin.get("/api/users").body()).doesNotContain("ghost");
    }

    @Test
    void disabling_a_user_ends_their_sessions_and_refuses_their_login() {
        long id = Fixtures.createUser(admin, "dana", "dana password 12", "Tester");
        ApiClient dana = app.client();
        dana.login("dana", "dana password 12");
        assertThat(dana.get("/api/me").status()).isEqualTo(200);

        ApiClient.Response disabled = admin.patch("/api/users/" + id, new JsonObject().put("disabled", true));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("disabled")).isTrue();
        assertThat(dana.get("/api/me").status()).isEqualTo(401);
        assertThat(app.client().login("dana", "dana password 12").status()).isEqualTo(401);

        admin.patch("/api/users/" + id, new JsonObject().put("disabled", false));
        assertThat(app.client().login("dana", "dana password 12").status()).isEqualTo(200);
    }

    @Test
    void resetting_a_password_ends_old_sessions_and_only_the_new_password_works() {
        long id = Fixtures.createUser(admin, "rita", "rita password 12", "Viewer");
        ApiClient rita = app.client();
        rita.login("rita", "rita password 12");
        assertThat(admin.put("/api/users/" + id + "/password", new JsonObject().put("password", "brand new password")).status())
                .isEqualTo(204);
        assertThat(rita.get("/api/me").status()).isEqualTo(401);
        assertThat(app.client().login("rita", "rita password 12").status()).isEqualTo(401);
        assertThat(app.client().login("rita", "brand new password").status()).isEqualTo(200);
    }

    @Test
    void the_last_administrator_cannot_be_disabled_or_demoted() {
        long adminId = admin.get("/api/me").json().getJsonObject("user").getLong("id");
        ApiClient.Response disable = admin.patch("/api/users/" + adminId, new JsonObject().put("disabled", true));
        assertThat(disable.status()).isEqualTo(409);
        ApiClient.Response demote = admin.patch("/api/users/" + adminId,
                new JsonObject().put("roleIds", new JsonArray().add(Fixtures.roleId(admin, "Viewer"))));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin.get("/api/me").json().getJsonArray("rights").getList()).contains("USERS_MANAGE");
    }

    @Test
    void custom_roles_can_be_added_changed_and_deleted_but_built_ins_cannot() {
        ApiClient.Response created = admin.post("/api/roles",
                new JsonObject().put("name", "Integration admin").put("rights", new JsonArray().add("INTEGRATION_VIEW").add("INTEGRATION_MODIFY")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long roleId = created.json().getLong("id");
        assertThat(admin.post("/api/roles", new JsonObject().put("name", "integration ADMIN").put("rights", new JsonArray())).status())
                .isEqualTo(409);
        assertThat(admin.post("/api/roles", new JsonObject().put("name", "Bad").put("rights", new JsonArray().add("FLY"))).errorField())
                .isEqualTo("rights.0");

        long userId = Fixtures.createUser(admin, "ivan", "ivan password 12", null);
        admin.patch("/api/users/" + userId, new JsonObject().put("roleIds", new JsonArray().add(roleId)));
        ApiClient ivan = app.client();
        assertThat(ivan.login("ivan", "ivan password 12").json().getJsonArray("rights").getList())
                .containsExactlyInAnyOrder("INTEGRATION_VIEW", "INTEGRATION_MODIFY");
        assertThat(ivan.get("/api/integrations").status()).isEqualTo(200);

        ApiClient.Response narrowed = admin.patch("/api/roles/" + roleId, new JsonObject().put("rights", new JsonArray().add("INTEGRATION_VIEW")));
        assertThat(narrowed.json().getJsonArray("rights").getList()).containsExactly("INTEGRATION_VIEW");
        assertThat(ivan.get("/api/me").json().getJsonArray("rights").getList()).containsExactly("INTEGRATION_VIEW");

        assertThat(admin.delete("/api/roles/" + roleId).status()).as("held by ivan").isEqualTo(409);
        admin.patch("/api/users/" + userId, new JsonObject().put("roleIds", new JsonArray()));
        assertThat(admin.delete("/api/roles/" + roleId).status()).isEqualTo(204);

        long tester = Fixtures.roleId(admin, "Tester");
        assertThat(admin.patch("/api/roles/" + tester, new JsonObject().put("name", "Renamed")).status()).isEqualTo(409);
        assertThat(admin.delete("/api/roles/" + tester).status()).isEqualTo(409);
    }

    @Test
    void logout_everywhere_ends_every_session_of_the_user() {
        Fixtures.createUser(admin, "eve", "eve password 123", "Viewer");
        ApiClient laptop = app.client();
        ApiClient phone = app.client();
        laptop.login("eve", "eve password 123");
        phone.login("eve", "eve password 123");
        assertThat(laptop.post("/api/session/logout-everywhere", new JsonObject()).status()).isEqualTo(204);
        assertThat(laptop.get("/api/me").status()).isEqualTo(401);
        assertThat(phone.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void a_new_login_rotates_the_session_and_ends_the_one_presented() {
        Fixtures.createUser(admin, "fay", "fay password 123", "Viewer");
        ApiClient browser = app.client();
        browser.login("fay", "fay password 123");
        String before = sessionCookie(browser);
        browser.login("fay", "fay password 123");
        String after = sessionCookie(browser);
        assertThat(after).isNotEqualTo(before);

        ApiClient stolen = app.client();
        stolen.cookies().getCookieStore().add(java.net.URI.create(app.baseUrl()), cookie(before));
        assertThat(stolen.get("/api/me").status()).isEqualTo(401);
    }

    private static String sessionCookie(ApiClient client) {
        return client.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("testbridge_session")).findFirst().orElseThrow().getValue();
    }

    private static java.net.HttpCookie cookie(String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie("testbridge_session", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }
}
