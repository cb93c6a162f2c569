package io.testbridge.integrations;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The Integrations endpoints. Registering Jira instances is the next module to land; until then
 * there is nothing to list, but the route and its right already exist so access control covers it.
 */
public final class IntegrationsApi implements ApiModule {
    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of("listIntegrations", ctx -> ApiResponses.json(ctx, 200,
                new JsonObject().put("items", new JsonArray()).put("total", 0)));
    }
}
