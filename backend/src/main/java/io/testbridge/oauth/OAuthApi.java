package io.testbridge.oauth;

import io.testbridge.audit.Actor;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.integrations.JiraInstance;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The administrator's OAuth connection endpoints (Enable OAuth toggle, wrench, Step 1, Step 2, disable). */
public final class OAuthApi implements ApiModule {
    private final AdminConnections admin;

    public OAuthApi(AdminConnections admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "getOAuthSettings", ctx -> ApiResponses.reply(ctx, 200, admin.settings(instanceId(ctx))),
                "startAdminConnection", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, admin.start(instanceId(ctx), Requests.text(body, "clientId"),
                            body.getString("clientSecret"), actor(ctx)).map(OAuthFlows.Started::toJson));
                },
                "configureAdminConnection", ctx -> ApiResponses.reply(ctx, 200,
                        admin.configure(instanceId(ctx), Requests.body(ctx).getString("verificationCode"), actor(ctx)).map(JiraInstance::toJson)),
                "disableOAuth", ctx -> ApiResponses.reply(ctx, 200, admin.disable(instanceId(ctx), actor(ctx)).map(JiraInstance::toJson)));
    }

    private static long instanceId(RoutingContext ctx) {
        return Requests.pathLong(ctx, "instanceId");
    }

    private static Actor actor(RoutingContext ctx) {
        return Actor.of(ctx, Requests.principal(ctx));
    }
}
