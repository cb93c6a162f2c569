package io.testbridge.identity;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.IssuedSecrets;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Soon;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal API tokens over real HTTP against real PostgreSQL (issue 27, acceptance point 4): shown
 * once and stored hashed; revoked, expired and unknown tokens get 401 naming why; a read-only token
 * cannot record results; no token changes a password, a role or tokens; no CSRF token needed and no
 * cookie given; the rate limit; other users' tokens; a disabled owner or a narrowed role at once.
 */
class ApiTokensTest {
    private static final String PASSWORD = "token password 1";
    private static final int REQUESTS_PER_MINUTE = 40;
    private static DatabaseUrl database;
    private static RunningApp app;
    private static ApiClient admin;
    private static long project;
    private static long cycle;
    private static long execution;
    private static String stepId;

    @BeforeAll
    static void start() {
        database = TestDatabase.freshDatabase();
        app = RunningApp.start(database, Map.of("TESTBRIDGE_API_TOKEN_REQUESTS_PER_MINUTE", Integer.toString(REQUESTS_PER_MINUTE)));
        admin = Fixtures.adminClient(app);
        project = admin.post("/api/projects", new JsonObject().put("key", "CI").put("name", "Pipelines")).json().getLong("id");
        long testCase = admin.post("/api/projects/" + project + "/cases", new JsonObject().put("title", "Checkout")
                .put("steps", new JsonArray().add(new JsonObject().put("id", UUID.randomUUID().toString()).put("action", "Pay")
                        .put("expected", "Paid")))).json().getLong("id");
        cycle = admin.post("/api/projects/" + project + "/cycles", new JsonObject().put("name", "Nightly")).json().getLong("id");
        assertThat(admin.post("/api/cycles/" + cycle + "/cases", new JsonObject().put("caseIds", new JsonArray().add(testCase))).status())
                .isEqualTo(200);
        long cycleCase = admin.get("/api/cycles/" + cycle + "/cases").json().getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject attempt = admin.get("/api/cycles/" + cycle + "/cases/" + cycleCase + "/execution").json();
        execution = attempt.getLong("id");
        stepId = attempt.getJsonArray("steps").getJsonObject(0).getString("id");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Creates a token through the SPA's route and hands its secret to the suite-wide secret scan. */
    private static JsonObject create(ApiClient owner, String name, Duration lifetime, String... scopes) {
        ApiClient.Response created = owner.post("/api/me/api-tokens", new JsonObject().put("name", name)
                .put("scopes", new JsonArray(List.of(scopes))).put("expiresAt", app.clock().instant().plus(lifetime).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        IssuedSecrets.record(created.json().getString("secret"));
        return created.json();
    }

    private static ApiClient bearer(JsonObject created) {
        return ApiClient.withBearer(app.baseUrl(), created.getString("secret"));
    }

    private static ApiClient.Response recordPass(ApiClient client) {
        return client.put("/api/cycles/" + cycle + "/executions/" + execution + "/steps/" + stepId,
                new JsonObject().put("status", "PASS").put("actual", "paid in CI"));
    }

    private static ApiClient user(String username, String role) {
        Fixtures.createUser(admin, username, PASSWORD, role);
        ApiClient client = app.client();
        assertThat(client.login(username, PASSWORD).status()).isEqualTo(200);
        return client;
    }

    private static long userId(String username) {
        for (Object user : admin.get("/api/users").json().getJsonArray("items")) {
            if (((JsonObject) user).getString("username").equals(username)) {
                return ((JsonObject) user).getLong("id");
            }
        }
        throw new IllegalArgumentException(username);
    }

    private static void assertRefused(ApiClient.Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(code);
        assertThat(response.json().getJsonObject("error").getString("message")).isNotBlank();
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void the_secret_is_shown_once_stored_only_as_its_hash_and_the_list_shows_last_use() throws Exception {
        JsonObject created = create(admin, "Jenkins nightly", Duration.ofDays(30), "read");
        String secret = created.getString("secret");
        JsonObject token = created.getJsonObject("token");
        assertThat(secret).matches("tb_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
        assertThat(secret).startsWith(token.getString("prefix") + "_");
        assertThat(token.getString("status")).isEqualTo("active");
        assertThat(token.getValue("lastUsedAt")).isNull();

        ApiClient.Response listed = admin.get("/api/me/api-tokens");
        assertThat(listed.body()).contains("Jenkins nightly").doesNotContain(secret).doesNotContain(secret.substring(14));
        String stored = new Sql(database).column("SELECT encode(secret_hash, 'hex') FROM api_tokens WHERE id = " + token.getLong("id")).get(0);
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII))));
        assertThat(new Sql(database).dumpAllTables()).doesNotContain(secret).doesNotContain(secret.substring(14));

        ApiClient.Response used = bearer(created).get("/api/cycles/" + cycle);
        assertThat(used.status()).as(used.body()).isEqualTo(200);
        JsonObject again = admin.get("/api/me/api-tokens").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(item -> item.getLong("id").equals(token.getLong("id"))).findFirst().orElseThrow();
        assertThat(again.getString("lastUsedAt")).isNotNull();
        assertThat(Duration.between(Instant.parse(again.getString("lastUsedAt")), app.clock().instant()).abs()).isLessThan(Duration.ofMinutes(1));

        // written at most once a minute per token, not per request
        String lastUse = "SELECT last_used_at::text FROM api_tokens WHERE id = " + token.getLong("id");
        String first = new Sql(database).column(lastUse).get(0);
        app.clock().advance(Duration.ofSeconds(30));
        assertThat(bearer(created).get("/api/cycles/" + cycle).status()).isEqualTo(200);
        assertThat(new Sql(database).column(lastUse).get(0)).isEqualTo(first);
        app.clock().advance(Duration.ofSeconds(31));
        assertThat(bearer(created).get("/api/cycles/" + cycle).status()).isEqualTo(200);
        assertThat(new Sql(database).column(lastUse).get(0)).isNotEqualTo(first);
    }

    @Test
    void a_revoked_an_expired_an_unknown_and_a_malformed_token_get_401_naming_why() {
        JsonObject revoked = create(admin, "to revoke", Duration.ofDays(7), "read");
        assertThat(bearer(revoked).get("/api/cycles/" + cycle).status()).isEqualTo(200); // cached on this node now
        assertThat(admin.delete("/api/me/api-tokens/" + revoked.getJsonObject("token").getLong("id")).status()).isEqualTo(204);
        assertRefused(bearer(revoked).get("/api/cycles/" + cycle), "token_revoked");

        JsonObject expiring = create(admin, "short-lived", Duration.ofMinutes(6), "read");
        assertThat(bearer(expiring).get("/api/cycles/" + cycle).status()).isEqualTo(200);
        app.clock().advance(Duration.ofMinutes(7));
        assertRefused(bearer(expiring).get("/api/cycles/" + cycle), "token_expired");
        assertThat(admin.get("/api/me/api-tokens").body()).contains("\"expired\"").contains("\"revoked\"");

        String secret = revoked.getString("secret");
        String samePublicIdOtherSecret = secret.substring(0, 14) + "A".repeat(43);
        assertRefused(ApiClient.withBearer(app.baseUrl(), samePublicIdOtherSecret).get("/api/cycles/" + cycle), "token_unknown");
        assertRefused(ApiClient.withBearer(app.baseUrl(), "tb_0000000000_" + "B".repeat(43)).get("/api/cycles/" + cycle), "token_unknown");
        ApiClient.Response malformed = app.client().withAuthorization("Bearer " + secret.substring(0, 30)).get("/api/cycles/" + cycle);
        assertRefused(malformed, "token_unknown");
        assertThat(malformed.errorField()).isEqualTo("Authorization");
        // a bearer credential without the tb_ prefix is not Testbridge's: the request goes the cookie way, and has no session
        assertRefused(app.client().withAuthorization("Bearer not-a-testbridge-token").get("/api/cycles/" + cycle), "unauthenticated");
    }

    @Test
    void a_reverse_proxys_basic_authentication_leaves_the_session_alone() {
        // a browser behind a proxy with Basic authentication sends it on every request: not a token request
        ApiClient behindProxy = admin.withAuthorization("Basic cHJveHk6cHJveHkgcGFzc3dvcmQ=");
        assertThat(behindProxy.get("/api/users").status()).isEqualTo(200);
        ApiClient.Response created = behindProxy.post("/api/me/api-tokens", new JsonObject().put("name", "from behind a proxy")
                .put("scopes", new JsonArray().add("read")).put("expiresAt", app.clock().instant().plus(Duration.ofDays(1)).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        IssuedSecrets.record(created.json().getString("secret"));
        ApiClient.Response anonymous = app.client().withAuthorization("Basic cHJveHk6cHJveHkgcGFzc3dvcmQ=").get("/api/cycles/" + cycle);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void one_person_holds_at_most_50_active_tokens() {
        ApiClient many = user("manny", "Viewer");
        for (int i = 0; i < ApiTokenStore.MOST_ACTIVE_PER_USER; i++) {
            create(many, "token " + i, Duration.ofDays(1), "read");
        }
        ApiClient.Response refused = many.post("/api/me/api-tokens", new JsonObject().put("name", "one too many")
                .put("scopes", new JsonArray().add("read")).put("expiresAt", app.clock().instant().plus(Duration.ofDays(1)).toString()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("revoke");
    }

    @Test
    void five_creates_at_once_next_to_49_active_tokens_make_exactly_the_50th() throws Exception {
        ApiClient racer = user("rosa", "Viewer");
        for (int i = 0; i < ApiTokenStore.MOST_ACTIVE_PER_USER - 1; i++) {
            create(racer, "token " + i, Duration.ofDays(1), "read");
        }
        int creates = 5;
        ExecutorService threads = Executors.newFixedThreadPool(creates);
        try {
            CyclicBarrier together = new CyclicBarrier(creates);
            List<Future<ApiClient.Response>> sent = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String name = "racing " + i;
                sent.add(threads.submit(() -> {
                    together.await();
                    return racer.post("/api/me/api-tokens", new JsonObject().put("name", name).put("scopes", new JsonArray().add("read"))
                            .put("expiresAt", app.clock().instant().plus(Duration.ofDays(1)).toString()));
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiClient.Response> response : sent) {
                ApiClient.Response answer = response.get();
                statuses.add(answer.status());
                if (answer.status() == 201) {
                    IssuedSecrets.record(answer.json().getString("secret"));
                }
            }
            assertThat(statuses).as("one is the 50th, the others are refused").containsExactlyInAnyOrder(201, 409, 409, 409, 409);
        } finally {
            threads.shutdownNow();
        }
        long active = racer.get("/api/me/api-tokens").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(token -> token.getString("status").equals("active")).count();
        assertThat(active).isEqualTo(ApiTokenStore.MOST_ACTIVE_PER_USER);
    }

    @Test
    void a_gateways_jwt_in_authorization_leaves_the_session_alone() {
        // oauth2-proxy (--pass-authorization-header) or an API gateway adds its own bearer JWT to every request of the SPA
        String jwt = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6Imh0dHBzOi8vc3NvLmV4YW1wbGUifQ.c2lnbmF0dXJl";
        ApiClient behindGateway = admin.withAuthorization(jwt);
        ApiClient.Response me = behindGateway.get("/api/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo(admin.get("/api/me").json().getString("username"));
        ApiClient.Response created = behindGateway.post("/api/me/api-tokens", new JsonObject().put("name", "from behind a gateway")
                .put("scopes", new JsonArray().add("read")).put("expiresAt", app.clock().instant().plus(Duration.ofDays(1)).toString()));
        assertThat(created.status()).as("a session-only unsafe route, as the session user: " + created.body()).isEqualTo(201);
        IssuedSecrets.record(created.json().getString("secret"));
        ApiClient.Response recorded = recordPass(behindGateway);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);

        // without a session it is an anonymous request: 401, and a bearer-enabled operation still names the Bearer scheme
        ApiClient.Response anonymous = app.client().withAuthorization(jwt).get("/api/cycles/" + cycle);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthenticated");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void a_read_only_token_cannot_record_results_and_a_results_token_can_without_csrf_or_cookie() {
        ApiClient reader = bearer(create(admin, "dashboard", Duration.ofDays(90), "read"));
        assertThat(reader.get("/api/cycles/" + cycle + "/cases").status()).isEqualTo(200);
        ApiClient.Response refused = recordPass(reader);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden");
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("CYCLES_EXECUTE");

        ApiClient writer = bearer(create(admin, "CI results", Duration.ofDays(365), "results:write"));
        ApiClient.Response recorded = recordPass(writer); // no X-CSRF-Token header: this client has none
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(writer.get("/api/projects/" + project + "/cases").status()).as("results:write reads cases").isEqualTo(200);
        assertThat(writer.get("/api/projects/" + project + "/suites").status()).as("but not suites (read scope)").isEqualTo(403);
        for (ApiClient.Response response : List.of(refused, recorded)) {
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(writer.cookies().getCookieStore().getCookies()).isEmpty();
    }

    @Test
    void only_a_results_token_imports_ci_results_and_a_revoked_or_expired_one_imports_nothing() {
        String report = "<testsuite name=\"shop.PayTest\" tests=\"1\"><testcase classname=\"shop.PayTest\" name=\"byCard\" time=\"0.5\"/></testsuite>";
        String path = "/api/projects/" + project + "/results?cycleName=CI%20build%207&build=7";
        Map<String, String> noHeaders = Map.of();
        java.util.function.Function<ApiClient, ApiClient.Response> upload =
                client -> client.postStream(path, java.net.http.HttpRequest.BodyPublishers.ofString(report), "application/xml", noHeaders);

        ApiClient.Response byReader = upload.apply(bearer(create(admin, "dashboard reader", Duration.ofDays(30), "read")));
        assertThat(byReader.status()).as(byReader.body()).isEqualTo(403);
        assertThat(byReader.json().getJsonObject("error").getString("message")).contains("CYCLES_EXECUTE");

        JsonObject revokedToken = create(admin, "revoked CI", Duration.ofDays(30), "results:write");
        assertThat(admin.delete("/api/me/api-tokens/" + revokedToken.getJsonObject("token").getLong("id")).status()).isEqualTo(204);
        assertRefused(upload.apply(bearer(revokedToken)), "token_revoked");
        ApiClient expiring = bearer(create(admin, "expiring CI", Duration.ofMinutes(10), "results:write"));
        app.clock().advance(Duration.ofMinutes(11));
        assertRefused(upload.apply(expiring), "token_expired");
        assertThat(admin.get("/api/projects/" + project + "/cycles").body()).as("nothing imported").doesNotContain("CI build 7");

        ApiClient.Response byCi = upload.apply(bearer(create(admin, "CI", Duration.ofDays(30), "results:write")));
        assertThat(byCi.status()).as(byCi.body()).isEqualTo(201);
        assertThat(byCi.json().getInteger("tests")).isEqualTo(1);
        assertThat(byCi.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(admin.get("/api/projects/" + project + "/cycles").body()).contains("CI build 7");
    }

    @Test
    void no_token_changes_a_password_a_role_a_user_or_tokens_even_next_to_a_session_cookie() {
        ApiClient owner = user("olga", "Administrator");
        JsonObject everything = create(owner, "everything", Duration.ofDays(30), "read", "results:write");
        ApiClient token = bearer(everything);
        long olga = userId("olga");
        long viewer = Fixtures.roleId(admin, "Viewer");
        List<ApiClient.Response> attempts = List.of(
                token.put("/api/me/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "a new password 99")),
                token.put("/api/users/" + olga + "/password", new JsonObject().put("password", "a new password 99")),
                token.patch("/api/users/" + olga, new JsonObject().put("roleIds", new JsonArray().add(viewer))),
                token.post("/api/roles", new JsonObject().put("name", "Sneaky").put("rights", new JsonArray().add("USERS_MANAGE"))),
                token.patch("/api/roles/" + viewer, new JsonObject().put("rights", new JsonArray().add("USERS_MANAGE"))),
                token.post("/api/me/api-tokens", new JsonObject().put("name", "child").put("scopes", new JsonArray().add("read"))
                        .put("expiresAt", app.clock().instant().plus(Duration.ofDays(1)).toString())),
                token.delete("/api/me/api-tokens/" + everything.getJsonObject("token").getLong("id")),
                token.get("/api/api-tokens"),
                token.delete("/api/session"),
                token.post("/api/session/logout-everywhere", new JsonObject()),
                token.post("/api/session", new JsonObject().put("username", "olga").put("password", PASSWORD)),
                // the browser's session cookie and CSRF token do not help a request that carries a token
                owner.withAuthorization("Bearer " + everything.getString("secret"))
                        .put("/api/me/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "a new password 99")));
        for (ApiClient.Response attempt : attempts) {
            assertThat(attempt.status()).as(attempt.body()).isEqualTo(403);
            assertThat(attempt.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(app.client().login("olga", PASSWORD).status()).as("the password is unchanged").isEqualTo(200);
        assertThat(admin.get("/api/roles").body()).doesNotContain("Sneaky");
        assertThat(owner.get("/api/me").json().getJsonArray("rights").getList()).contains("USERS_MANAGE");
        assertThat(token.get("/api/cycles/" + cycle).status()).as("the token still works: nothing revoked it").isEqualTo(200);
    }

    @Test
    void the_rate_limit_answers_429_with_retry_after() {
        ApiClient token = bearer(create(admin, "busy", Duration.ofDays(7), "read"));
        int allowed = 0;
        ApiClient.Response limited = null;
        for (int i = 0; i < REQUESTS_PER_MINUTE * 2 && limited == null; i++) {
            ApiClient.Response response = token.get("/api/cycles/" + cycle);
            if (response.status() == 429) {
                limited = response;
            } else {
                assertThat(response.status()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(limited).as("a 429 within twice the limit").isNotNull();
        assertThat(allowed).isGreaterThanOrEqualTo(REQUESTS_PER_MINUTE);
        assertThat(limited.errorCode()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(bearer(create(admin, "another", Duration.ofDays(7), "read")).get("/api/cycles/" + cycle).status())
                .as("each token has its own limit").isEqualTo(200);
    }

    @Test
    void only_its_owner_or_an_administrator_sees_and_revokes_a_token_and_others_get_404() {
        ApiClient tina = user("tina", "Tester");
        ApiClient terry = user("terry", "Tester");
        JsonObject tinas = create(tina, "tina's CI", Duration.ofDays(30), "results:write");
        long id = tinas.getJsonObject("token").getLong("id");

        ApiClient.Response notHers = terry.delete("/api/me/api-tokens/" + id);
        assertThat(notHers.status()).isEqualTo(404);
        assertThat(notHers.errorCode()).isEqualTo("not_found");
        assertThat(terry.delete("/api/me/api-tokens/987654").status()).as("the same answer as for no token at all").isEqualTo(404);
        assertThat(terry.get("/api/me/api-tokens").body()).doesNotContain("tina's CI");
        assertThat(terry.get("/api/api-tokens").status()).isEqualTo(403);
        assertThat(terry.delete("/api/api-tokens/" + id).status()).isEqualTo(403);
        assertThat(recordPass(bearer(tinas)).status()).as("still works").isEqualTo(200);

        JsonObject listed = admin.get("/api/api-tokens").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(item -> item.getLong("id") == id).findFirst().orElseThrow();
        assertThat(listed.getJsonObject("owner").getString("username")).isEqualTo("tina");
        assertThat(listed.encode()).doesNotContain(tinas.getString("secret"));
        assertThat(admin.delete("/api/api-tokens/" + id).status()).isEqualTo(204);
        assertRefused(recordPass(bearer(tinas)), "token_revoked");
        assertThat(admin.delete("/api/api-tokens/987654").status()).isEqualTo(404);
    }

    @Test
    void a_narrowed_role_and_a_disabled_owner_take_effect_at_once() {
        ApiClient rita = user("rita", "Tester");
        ApiClient token = bearer(create(rita, "rita's CI", Duration.ofDays(30), "read", "results:write"));
        long ritaId = userId("rita");
        assertThat(recordPass(token).status()).isEqualTo(200); // her principal is cached now

        assertThat(admin.patch("/api/users/" + ritaId, new JsonObject().put("roleIds", new JsonArray().add(Fixtures.roleId(admin, "Viewer"))))
                .status()).isEqualTo(200);
        assertThat(recordPass(token).status()).as("a Viewer cannot execute, with or without a token").isEqualTo(403);
        assertThat(token.get("/api/cycles/" + cycle).status()).isEqualTo(200);

        assertThat(admin.patch("/api/users/" + ritaId, new JsonObject().put("disabled", true)).status()).isEqualTo(200);
        assertRefused(token.get("/api/cycles/" + cycle), "token_owner_disabled");
    }

    @Test
    void a_revoke_on_one_node_stops_the_token_on_another() {
        try (RunningApp other = RunningApp.start(database, Map.of())) {
            JsonObject created = create(admin, "two nodes", Duration.ofDays(30), "read");
            ApiClient onOther = ApiClient.withBearer(other.baseUrl(), created.getString("secret"));
            assertThat(onOther.get("/api/cycles/" + cycle).status()).isEqualTo(200); // kept in the other node's cache
            assertThat(admin.delete("/api/me/api-tokens/" + created.getJsonObject("token").getLong("id")).status()).isEqualTo(204);
            // the other node hears the eviction a moment after the commit; its cache would have kept it 2 s
            assertThat(Soon.value(() -> onOther.get("/api/cycles/" + cycle).status(), 401)).isEqualTo(401);
        }
    }

    @Test
    void bad_requests_to_create_a_token_name_the_field() {
        Instant now = app.clock().instant();
        Map<String, JsonObject> bodies = Map.of(
                "name", new JsonObject().put("name", "   ").put("scopes", new JsonArray().add("read")).put("expiresAt", now.plus(Duration.ofDays(1)).toString()),
                "scopes", new JsonObject().put("name", "x").put("scopes", new JsonArray().add("admin")).put("expiresAt", now.plus(Duration.ofDays(1)).toString()),
                "expiresAt", new JsonObject().put("name", "x").put("scopes", new JsonArray().add("read")).put("expiresAt", now.plus(Duration.ofDays(366)).toString()));
        bodies.forEach((field, body) -> {
            ApiClient.Response refused = admin.post("/api/me/api-tokens", body);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorField()).as(refused.body()).startsWith(field);
        });
        for (String expiresAt : List.of("tomorrow", now.minus(Duration.ofMinutes(1)).toString())) {
            ApiClient.Response refused = admin.post("/api/me/api-tokens", new JsonObject().put("name", "x")
                    .put("scopes", new JsonArray().add("read")).put("expiresAt", expiresAt));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorField()).isEqualTo("expiresAt");
        }
    }

    @Test
    void the_secret_never_reaches_a_log_line() {
        List<String> secrets;
        List<String> logs;
        try (LogCapture capture = LogCapture.begin()) {
            JsonObject created = create(admin, "logged?", Duration.ofDays(1), "results:write");
            String secret = created.getString("secret");
            recordPass(bearer(created));
            ApiClient.withBearer(app.baseUrl(), secret.substring(0, 14) + "C".repeat(43)).get("/api/cycles/" + cycle);
            admin.delete("/api/me/api-tokens/" + created.getJsonObject("token").getLong("id"));
            recordPass(bearer(created));
            secrets = List.of(secret, secret.substring(14));
            logs = capture.lines();
        }
        assertThat(logs).anyMatch(line -> line.contains("api_token_created")).anyMatch(line -> line.contains("api_token_revoked"));
        for (String line : logs) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
