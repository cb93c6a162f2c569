package io.testbridge.http.routes;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.FirstRunSetup;
import io.testbridge.http.Requests;
import io.testbridge.identity.Identity;
import io.testbridge.identity.NewUser;
import io.testbridge.identity.Role;
import io.testbridge.identity.User;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The first-run set-up, user and role administration, and the list of people to pick from. */
public final class UsersRoutes implements ApiModule {
    private final Identity identity;

    private final FirstRunSetup setup;

    public UsersRoutes(Identity identity, FirstRunSetup setup) {
        this.identity = identity;
        this.setup = setup;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.ofEntries(
                Map.entry("getSetup", ctx -> ApiResponses.reply(ctx, 200,
                        identity.anyUserExists().map(exists -> new JsonObject().put("needsAdmin", !exists)))),
                Map.entry("createFirstAdmin", this::createFirstAdmin),
                Map.entry("listUsers", ctx -> ApiResponses.reply(ctx, 200, identity.listUsers().map(list -> items(list.stream().map(User::toJson).toList())))),
                Map.entry("createUser", this::createUser),
                Map.entry("updateUser", this::updateUser),
                Map.entry("resetUserPassword", ctx -> ApiResponses.reply(ctx, 204,
                        identity.setPassword(Requests.pathLong(ctx, "userId"), Requests.body(ctx).getString("password")))),
                Map.entry("listRoles", ctx -> ApiResponses.reply(ctx, 200, identity.listRoles().map(list -> items(list.stream().map(Role::toJson).toList())))),
                Map.entry("createRole", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, identity.createRole(Requests.text(body, "name"),
                            Role.rightsOf(body.getJsonArray("rights"))).map(Role::toJson));
                }),
                Map.entry("updateRole", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    if (body.containsKey("name")) {
                        Requests.text(body, "name");
                    }
                    ApiResponses.reply(ctx, 200, identity.updateRole(Requests.pathLong(ctx, "roleId"), body).map(Role::toJson));
                }),
                Map.entry("deleteRole", ctx -> ApiResponses.reply(ctx, 204, identity.deleteRole(Requests.pathLong(ctx, "roleId")))),
                // who can own or be assigned work: names only, for everyone logged in
                Map.entry("listPeople", ctx -> ApiResponses.reply(ctx, 200, identity.listUsers().map(list -> items(list.stream()
                        .filter(user -> !user.disabled())
                        .map(user -> new JsonObject().put("id", user.id()).put("username", user.username()).put("displayName", user.displayName()))
                        .toList())))));
    }

    private void createFirstAdmin(RoutingContext ctx) {
        if (!setup.allows(ctx)) {
            ApiResponses.reply(ctx, 201, Future.failedFuture(new Failure(ErrorCode.FORBIDDEN,
                    "The first administrator can be created from the server itself (http://localhost), or with the setup token: open /setup?token=<token> "
                            + "with the token from the file " + FirstRunSetup.FILE_NAME + " in Testbridge's data dir, or send it in the "
                            + FirstRunSetup.HEADER + " header.")));
            return;
        }
        ApiResponses.reply(ctx, 201, identity.createFirstAdmin(newUser(Requests.body(ctx))).onSuccess(user -> setup.spent()).map(User::toJson));
    }

    private void createUser(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        List<Long> roleIds = new ArrayList<>();
        body.getJsonArray("roleIds").forEach(id -> roleIds.add(((Number) id).longValue()));
        ApiResponses.reply(ctx, 201, identity.createUser(newUser(body), roleIds).map(User::toJson));
    }

    private void updateUser(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        for (String field : List.of("displayName", "email")) {
            if (body.containsKey(field)) {
                Requests.text(body, field);
            }
        }
        ApiResponses.reply(ctx, 200, identity.updateUser(Requests.pathLong(ctx, "userId"), body).map(User::toJson));
    }

    private static NewUser newUser(JsonObject body) {
        Requests.text(body, "displayName");
        return NewUser.fromJson(body);
    }

    private static JsonObject items(List<JsonObject> items) {
        return new JsonObject().put("items", new JsonArray(items));
    }
}
