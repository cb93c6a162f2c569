package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.oauth.OAuth;
import io.testbridge.oauth.StartedFlow;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** "My Jira connections" and the "Authenticate with Jira" dialog; plus the admin's per-instance view. */
public final class JiraConnectionsRoutes implements ApiModule {
    private final OAuth oauth;

    public JiraConnectionsRoutes(OAuth oauth) {
        this.oauth = oauth;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listMyJiraConnections", ctx -> ApiResponses.reply(ctx, 200,
                        oauth.myConnections(Requests.principal(ctx).userId()).map(items -> new JsonObject().put("items", items))),
                "startJiraAuthentication", ctx -> ApiResponses.reply(ctx, 201,
                        oauth.startUserAuthentication(instanceId(ctx), Requests.actor(ctx)).map(StartedFlow::toJson)),
                "completeJiraAuthentication", ctx -> ApiResponses.reply(ctx, 200,
                        oauth.completeUserAuthentication(instanceId(ctx), Requests.body(ctx).getString("verificationCode"), Requests.actor(ctx))),
                "disconnectJira", ctx -> ApiResponses.reply(ctx, 204, oauth.disconnect(instanceId(ctx), Requests.actor(ctx))),
                "listInstanceConnections", ctx -> ApiResponses.reply(ctx, 200,
                        oauth.instanceConnections(instanceId(ctx)).map(items -> new JsonObject().put("items", items))));
    }

    private static long instanceId(RoutingContext ctx) {
        return Requests.pathLong(ctx, "instanceId");
    }
}
