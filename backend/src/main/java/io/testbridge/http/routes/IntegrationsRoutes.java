package io.testbridge.http.routes;

import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.Deployment;
import io.testbridge.shared.Actor;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The Integrations screen's endpoints: list with a URL filter, add, edit, remove, check now. */
public final class IntegrationsRoutes implements ApiModule {
    private final Integrations integrations;

    public IntegrationsRoutes(Integrations integrations) {
        this.integrations = integrations;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listIntegrations", ctx -> ApiResponses.reply(ctx, 200, integrations.list(
                        Requests.queryString(ctx, "filter", ""),
                        Requests.queryInt(ctx, "page", 1),
                        Requests.queryInt(ctx, "pageSize", 25))),
                "createIntegration", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, integrations.create(Requests.text(body, "name"), body.getString("baseUrl"),
                            Deployment.valueOf(body.getString("deployment")), actor(ctx)).map(JiraInstance::toJson));
                },
                "getIntegration", ctx -> ApiResponses.reply(ctx, 200, integrations.get(instanceId(ctx)).map(JiraInstance::toJson)),
                "updateIntegration", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    if (body.containsKey("name")) {
                        Requests.text(body, "name");
                    }
                    ApiResponses.reply(ctx, 200, integrations.update(instanceId(ctx), body, actor(ctx)).map(JiraInstance::toJson));
                },
                "deleteIntegration", ctx -> ApiResponses.reply(ctx, 204, integrations.delete(instanceId(ctx), actor(ctx))),
                "checkIntegration", ctx -> ApiResponses.reply(ctx, 200, integrations.check(instanceId(ctx)).map(JiraInstance::toJson)));
    }

    private static Actor actor(RoutingContext ctx) {
        return Requests.actor(ctx);
    }

    private static long instanceId(RoutingContext ctx) {
        return Requests.pathLong(ctx, "instanceId");
    }
}
