package io.testbridge.jirasim;

import io.vertx.ext.web.RoutingContext;

/** Resolves {instance} path parameters; an unknown instance is a 404 like an unknown host path. */
final class DcRouting {

    private DcRouting() {
    }

    static DcInstance instance(RoutingContext ctx, SimContext sim) {
        DcInstance instance = sim.state.dcInstance(ctx.pathParam("instance")).orElse(null);
        if (instance == null) {
            Responses.html(ctx, 404, ConsentPages.error("Page not found", "not_found", "No such Jira instance."));
        }
        return instance;
    }

    /** Jira before 8.22 has no OAuth 2.0 provider: its /rest/oauth2 paths do not exist. */
    static DcInstance instanceWithOAuthProvider(RoutingContext ctx, SimContext sim) {
        DcInstance instance = instance(ctx, sim);
        if (instance != null && !instance.hasOAuthProvider()) {
            Responses.html(ctx, 404, ConsentPages.error("Page not found", "not_found",
                    "Jira " + instance.version() + " has no OAuth 2.0 provider."));
            return null;
        }
        return instance;
    }
}
