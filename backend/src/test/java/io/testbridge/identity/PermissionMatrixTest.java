package io.testbridge.identity;

import io.testbridge.http.Access;
import io.testbridge.http.ApiRouter;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every operation of the OpenAPI document (the one list of routes) is called by an anonymous client
 * and by each built-in role: 401 without a session, 403 without the declared right, and past access
 * control (any other status) with it. And by personal API tokens: 403 on every operation that does
 * not declare x-testbridge-bearer, and on those that do, through only with a right the token's
 * scopes grant; never a cookie.
 */
class PermissionMatrixTest {
    private static final String PASSWORD = "matrix password 1";
    private static RunningApp app;
    private static OpenAPIContract contract;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start();
        ApiClient admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "tester", PASSWORD, "Tester");
        Fixtures.createUser(admin, "viewer", PASSWORD, "Viewer");
        Fixtures.createUser(admin, "nobody", PASSWORD, null);
        Fixtures.createUser(admin, "admin2", PASSWORD, "Administrator");
        vertx = Vertx.vertx();
        contract = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() {
        app.close();
        vertx.close();
    }

    @Test
    void every_operation_declares_who_may_call_it() {
        assertThat(contract.operations()).hasSizeGreaterThan(10);
        for (Operation operation : contract.operations()) {
            assertThat(operation.getExtensions()).as(operation.getOperationId()).containsKey(Access.EXTENSION);
        }
        Map<String, Access> access = ApiRouter.accessByOperation(contract);
        assertThat(access).hasSize(contract.operations().size());
    }

    @Test
    void an_operation_without_a_declared_right_is_refused_at_start_up() throws Exception {
        String yaml;
        try (var in = ApiRouter.class.getClassLoader().getResourceAsStream(ApiRouter.CONTRACT)) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String withoutRight = yaml.replace("operationId: listUsers\n      x-testbridge-right: USERS_MANAGE\n", "operationId: listUsers\n");
        assertThat(withoutRight).isNotEqualTo(yaml);
        java.nio.file.Path file = io.testbridge.testing.RunningApp.newWorkDir("contract").resolve("broken.yaml");
        java.nio.file.Files.writeString(file, withoutRight);
        OpenAPIContract broken = OpenAPIContract.from(vertx, file.toString()).toCompletionStage().toCompletableFuture().get();
        assertThatThrownBy(() -> ApiRouter.accessByOperation(broken))
                .hasMessageContaining("listUsers").hasMessageContaining(Access.EXTENSION);
    }

    @Test
    void each_role_gets_401_403_or_through_as_declared_on_every_route() {
        Map<String, Set<Right>> roles = Map.of(
                "viewer", EnumSet.of(Right.ISSUES_VIEW, Right.SUITES_VIEW, Right.CASES_VIEW, Right.CYCLES_VIEW),
                "tester", EnumSet.of(Right.ISSUES_VIEW, Right.ISSUES_CREATE, Right.SUITES_VIEW, Right.SUITES_MODIFY, Right.CASES_VIEW, Right.CASES_MODIFY,
                        Right.CYCLES_VIEW, Right.CYCLES_MODIFY, Right.CYCLES_EXECUTE),
                "nobody", EnumSet.noneOf(Right.class),
                "admin2", EnumSet.allOf(Right.class));
        List<String> checked = new ArrayList<>();
        Map<String, ApiClient> sessions = new java.util.HashMap<>();
        for (Operation operation : contract.operations()) {
            Access access = ApiRouter.accessByOperation(contract).get(operation.getOperationId());
            String path = operation.getOpenAPIPath().replaceAll("\\{[^}]+}", "999999");
            String method = operation.getHttpMethod().name();

            int anonymous = app.client().send(method, path, "{}", "application/json").status();
            if (access.kind() == Access.Kind.PUBLIC) {
                assertThat(anonymous).as(operation.getOperationId() + " anonymous").isNotIn(401, 403);
            } else {
                assertThat(anonymous).as(operation.getOperationId() + " anonymous").isEqualTo(401);
            }
            for (var role : roles.entrySet()) {
                ApiClient client = sessions.computeIfAbsent(role.getKey(), name -> {
                    ApiClient fresh = app.client();
                    assertThat(fresh.login(name, PASSWORD).status()).isEqualTo(200);
                    return fresh;
                });
                ApiClient.Response response = client.send(method, path, "{}", "application/json");
                if (operation.getOperationId().startsWith("logout")) {
                    sessions.remove(role.getKey()); // that call ended the session
                }
                boolean allowed = access.kind() != Access.Kind.RIGHT || role.getValue().contains(access.right());
                String label = operation.getOperationId() + " as " + role.getKey() + ": " + response.body();
                if (allowed) {
                    assertThat(response.status()).as(label).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(response.status()).as(label).isEqualTo(403);
                    assertThat(response.errorCode()).isEqualTo("forbidden");
                }
            }
            checked.add(operation.getOperationId());
        }
        assertThat(checked).hasSize(contract.operations().size());
    }

    @Test
    void api_tokens_reach_only_the_operations_that_declare_it_and_only_with_a_right_their_scopes_grant() {
        ApiClient owner = app.client();
        assertThat(owner.login("admin2", PASSWORD).status()).isEqualTo(200); // every right
        Map<String, Set<Right>> tokens = Map.of(
                "read", ApiTokenScope.READ.rights(),
                "results:write", ApiTokenScope.RESULTS_WRITE.rights());
        Map<String, ApiClient> clients = new java.util.HashMap<>();
        tokens.keySet().forEach(scope -> {
            ApiClient.Response created = owner.post("/api/me/api-tokens", new JsonObject().put("name", "matrix " + scope)
                    .put("scopes", List.of(scope)).put("expiresAt", app.clock().instant().plus(java.time.Duration.ofDays(1)).toString()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            io.testbridge.testing.IssuedSecrets.record(created.json().getString("secret"));
            clients.put(scope, ApiClient.withBearer(app.baseUrl(), created.json().getString("secret")));
        });
        List<String> open = new ArrayList<>();
        for (Operation operation : contract.operations()) {
            Access access = ApiRouter.accessByOperation(contract).get(operation.getOperationId());
            String path = operation.getOpenAPIPath().replaceAll("\\{[^}]+}", "999999");
            for (var token : tokens.entrySet()) {
                ApiClient.Response response = clients.get(token.getKey()).send(operation.getHttpMethod().name(), path, "{}", "application/json");
                String label = operation.getOperationId() + " with a " + token.getKey() + " token: " + response.body();
                assertThat(response.headers().allValues("Set-Cookie")).as(label).isEmpty();
                if (access.bearer() && token.getValue().contains(access.right())) {
                    assertThat(response.status()).as(label).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(response.status()).as(label).isEqualTo(403);
                    assertThat(response.errorCode()).isEqualTo("forbidden");
                }
            }
            if (access.bearer()) {
                open.add(operation.getOperationId());
            }
        }
        assertThat(open).as("operations open to tokens").contains("recordStepResult", "getCycle")
                .doesNotContain("changeMyPassword", "resetUserPassword", "updateUser", "createRole", "updateRole", "createApiToken",
                        "revokeMyApiToken", "revokeApiToken", "logout", "logoutEverywhere", "login", "startAdminConnection", "disableOAuth");
        assertThat(owner.get("/api/me").status()).as("the owner's session is untouched").isEqualTo(200);
    }

    @Test
    void an_operation_that_opens_to_tokens_what_no_scope_grants_is_refused_at_start_up() {
        assertThatThrownBy(() -> Access.parse("changeMyPassword", "AUTHENTICATED", true))
                .hasMessageContaining("changeMyPassword").hasMessageContaining(Access.BEARER_EXTENSION);
        assertThatThrownBy(() -> Access.parse("updateUser", "USERS_MANAGE", true)).hasMessageContaining("updateUser");
        assertThatThrownBy(() -> Access.parse("disableOAuth", "INTEGRATION_MODIFY", true)).hasMessageContaining("disableOAuth");
        assertThatThrownBy(() -> Access.parse("getAbout", "PUBLIC", true)).hasMessageContaining("getAbout");
        assertThatThrownBy(() -> Access.parse("getCycle", "CYCLES_VIEW", "yes")).hasMessageContaining("true or false");
        assertThat(Access.parse("recordStepResult", "CYCLES_EXECUTE", true).bearer()).isTrue();
        assertThat(Access.parse("listUsers", "USERS_MANAGE", null).bearer()).isFalse();
    }

    @Test
    void a_state_change_without_the_csrf_token_is_refused() {
        ApiClient admin = app.client();
        admin.login("admin2", PASSWORD);
        admin.forgetCsrfToken();
        ApiClient.Response response = admin.post("/api/roles", new JsonObject().put("name", "Sneaky").put("rights", List.of()));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("csrf_token_invalid");
    }
}
