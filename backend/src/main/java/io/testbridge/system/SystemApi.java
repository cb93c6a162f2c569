package io.testbridge.system;

import io.testbridge.Version;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** What this server is. */
public final class SystemApi implements ApiModule {
    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of("getAbout", ctx -> ApiResponses.json(ctx, 200,
                new JsonObject().put("name", "Testbridge").put("version", Version.CURRENT)));
    }
}
