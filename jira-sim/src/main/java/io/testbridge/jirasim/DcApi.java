package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A Data Center instance: serverInfo (anonymous unless behind a login), an issue page, and REST v2 with OAuth 2.0 bearer tokens. */
final class DcApi {

    static final String PREFIX = "/dc/:instance";
    static final String REST_PREFIX = PREFIX + "/rest/api/2";

    private final SimContext sim;
    private final DcDialect dialect = new DcDialect();

    DcApi(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.get(REST_PREFIX + "/serverInfo").handler(this::serverInfo);
        router.get(PREFIX + "/browse/:key").handler(this::browse);
        new JiraRestRoutes(sim, dialect).mount(router, REST_PREFIX, this::authenticate);
    }

    private void serverInfo(RoutingContext ctx) {
        DcInstance instance = DcRouting.instance(ctx, sim);
        if (instance == null) {
            return;
        }
        if (instance.serverInfoAccess() == DcInstance.ServerInfoAccess.BEHIND_LOGIN && !signedIn(ctx, instance)) {
            refuseWithoutLogin(ctx, instance, RestCaller.bearerToken(ctx) != null);
            return;
        }
        JsonArray numbers = new JsonArray();
        instance.versionNumbers().forEach(numbers::add);
        Responses.json(ctx, 200, new JsonObject().put("baseUrl", sim.urls.dcBase(instance.name()))
                .put("version", instance.version()).put("versionNumbers", numbers)
                .put("deploymentType", instance.deploymentType()).put("buildNumber", Long.parseLong(
                        instance.buildNumber())).put("buildDate", "2024-01-01T00:00:00.000+0000")
                .put("serverTime", JiraTime.format(sim.clock.now())).put("scmInfo", "simulated")
                .put("serverTitle", instance.serverTitle()));
    }

    private void browse(RoutingContext ctx) {
        DcInstance instance = DcRouting.instance(ctx, sim);
        if (instance == null) {
            return;
        }
        sim.state.dcData(instance.name()).issue(ctx.pathParam("key")).ifPresentOrElse(
                issue -> Responses.html(ctx, 200, ConsentPages.browsePage(issue.key, issue.summary)),
                () -> Responses.html(ctx, 404, ConsentPages.error("Issue does not exist", "not_found",
                        "The issue you are trying to view does not exist.")));
    }

    private IssuedTokens.Access access(DcInstance instance, String token) {
        return sim.tokens.activeAccessToken(token).filter(a -> instance.name().equals(a.family.client.dcInstance())).orElse(null);
    }

    private boolean signedIn(RoutingContext ctx, DcInstance instance) {
        return access(instance, RestCaller.bearerToken(ctx)) != null;
    }

    private void refuseWithoutLogin(RoutingContext ctx, DcInstance instance, boolean credentialSent) {
        // Jira's OAuth filters advertise themselves; a rejected credential also sets the Seraph reason.
        ctx.response().putHeader("WWW-Authenticate", "OAuth realm=\"" + Responses.encode(sim.urls.dcBase(instance.name())) + "\"");
        if (credentialSent) {
            ctx.response().putHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
        }
        Responses.jiraError(ctx, 401, "You are not authenticated. Authentication required to perform this operation.");
    }

    private void authenticate(RoutingContext ctx) {
        DcInstance instance = DcRouting.instance(ctx, sim);
        if (instance == null) {
            return;
        }
        String token = RestCaller.bearerToken(ctx);
        IssuedTokens.Access access = access(instance, token);
        if (access == null) {
            refuseWithoutLogin(ctx, instance, token != null);
            return;
        }
        new RestCaller(access.family.user, sim.state.dcData(instance.name()), dialect,
                sim.urls.dcRestBase(instance.name()), sim.urls.dcBase(instance.name()), access.family.scopes)
                .attach(ctx);
        ctx.next();
    }
}
