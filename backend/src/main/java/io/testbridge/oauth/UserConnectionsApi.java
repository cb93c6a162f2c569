package io.testbridge.oauth;

import io.testbridge.audit.Actor;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** "My Jira connections" and the "Authenticate with Jira" dialog; plus the admin's per-instance view. */
public final class UserConnectionsApi implements ApiModule {
    private final UserConnections connections;

    public UserConnectionsApi(UserConnections connections) {
        this.connections = connections;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listMyJiraConnections", ctx -> ApiResponses.reply(ctx, 200,
                        connections.mine(Requests.principal(ctx).userId()).map(items -> new JsonObject().put("items", items))),
                "startJiraAuthentication", ctx -> ApiResponses.reply(ctx, 201,
                        connections.start(instanceId(ctx), actor(ctx)).map(OAuthFlows.Started::toJson)),
                "completeJiraAuthentication", ctx -> ApiResponses.reply(ctx, 200,
                        connections.verify(instanceId(ctx), Requests.body(ctx).getString("verificationCode"), actor(ctx))),
                "disconnectJira", ctx -> ApiResponses.reply(ctx, 204, connections.disconnect(instanceId(ctx), actor(ctx))),
                "listInstanceConnections", ctx -> ApiResponses.reply(ctx, 200,
                        connections.ofInstance(instanceId(ctx)).map(items -> new JsonObject().put("items", items))));
    }

    private static long instanceId(RoutingContext ctx) {
        return Requests.pathLong(ctx, "instanceId");
    }

    private static Actor actor(RoutingContext ctx) {
        return Actor.of(ctx, Requests.principal(ctx));
    }
}
