package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.http.SessionCookie;
import io.testbridge.identity.Identity;
import io.testbridge.identity.LoginAttempt;
import io.testbridge.identity.Principal;
import io.testbridge.identity.Right;
import io.testbridge.identity.User;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.Map;

/** Login, logout and "who am I". */
public final class SessionRoutes implements ApiModule {
    private final Identity identity;
    private final SessionCookie cookie;

    public SessionRoutes(Identity identity, SessionCookie cookie) {
        this.identity = identity;
        this.cookie = cookie;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "login", this::login,
                "logout", ctx -> {
                    cookie.clear(ctx);
                    ApiResponses.reply(ctx, 204, identity.logOut(Requests.principal(ctx).sessionHash()));
                },
                "logoutEverywhere", ctx -> {
                    cookie.clear(ctx);
                    ApiResponses.reply(ctx, 204, identity.logOutEverywhere(Requests.principal(ctx).userId()));
                },
                "changeMyPassword", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    identity.changeOwnPassword(Requests.principal(ctx).userId(), body.getString("currentPassword"),
                                    body.getString("newPassword"), Requests.clientAddress(ctx))
                            .onSuccess(done -> {
                                cookie.clear(ctx); // every session ended, this one too
                                ctx.response().setStatusCode(204).end();
                            })
                            .onFailure(ctx::fail);
                },
                "getMe", ctx -> {
                    Principal principal = Requests.principal(ctx); // read with the session: no second look-up
                    ApiResponses.json(ctx, 200, me(principal.user(), principal.rights(), principal.csrfToken()));
                });
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        LoginAttempt attempt = new LoginAttempt(body.getString("username").strip(), body.getString("password"),
                Requests.clientAddress(ctx), ctx.request().getHeader("User-Agent"), cookie.read(ctx));
        identity.logIn(attempt)
                .onSuccess(loggedIn -> {
                    cookie.set(ctx, loggedIn.token(), loggedIn.maxAge());
                    ApiResponses.json(ctx, 200, me(loggedIn.user(), loggedIn.principal().rights(), loggedIn.principal().csrfToken()));
                })
                .onFailure(ctx::fail);
    }

    static JsonObject me(User user, Collection<Right> rights, String csrfToken) {
        JsonArray names = new JsonArray();
        rights.stream().sorted().forEach(right -> names.add(right.name()));
        return new JsonObject().put("user", user.toJson()).put("rights", names).put("csrfToken", csrfToken);
    }
}
