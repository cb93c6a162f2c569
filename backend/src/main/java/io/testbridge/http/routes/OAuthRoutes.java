package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.oauth.OAuth;
import io.testbridge.oauth.StartedFlow;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The administrator's OAuth connection endpoints (Enable OAuth toggle, wrench, Step 1, Step 2, disable). */
public final class OAuthRoutes implements ApiModule {
    private final OAuth oauth;
    private final Integrations integrations;

    public OAuthRoutes(OAuth oauth, Integrations integrations) {
        this.oauth = oauth;
        this.integrations = integrations;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "getOAuthSettings", ctx -> ApiResponses.reply(ctx, 200, oauth.settings(instanceId(ctx))),
                "startAdminConnection", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, oauth.startAdminConnection(instanceId(ctx), Requests.text(body, "clientId"),
                            body.getString("clientSecret"), Requests.actor(ctx)).map(StartedFlow::toJson));
                },
                "configureAdminConnection", ctx -> ApiResponses.reply(ctx, 200,
                        oauth.configureAdminConnection(instanceId(ctx), Requests.body(ctx).getString("verificationCode"), Requests.actor(ctx))
                                .compose(done -> integrations.get(instanceId(ctx))).map(JiraInstance::toJson)),
                "disableOAuth", ctx -> ApiResponses.reply(ctx, 200, oauth.disable(instanceId(ctx), Requests.actor(ctx))
                        .compose(done -> integrations.get(instanceId(ctx))).map(JiraInstance::toJson)));
    }

    private static long instanceId(RoutingContext ctx) {
        return Requests.pathLong(ctx, "instanceId");
    }
}
