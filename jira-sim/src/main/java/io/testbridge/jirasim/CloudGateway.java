package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * api.atlassian.com: /oauth/token/accessible-resources and the Jira REST v3 of every site at
 * /ex/jira/{cloudId}/rest/api/3. A token works only for the sites its consent covered.
 */
final class CloudGateway {

    static final String PREFIX = "/cloud/api";
    static final String REST_PREFIX = PREFIX + "/ex/jira/:cloudId/rest/api/3";

    private final SimContext sim;
    private final CloudDialect dialect;

    CloudGateway(SimContext sim) {
        this.sim = sim;
        this.dialect = new CloudDialect(sim.options.cloudScopeMismatch());
    }

    void mount(Router router) {
        router.get(PREFIX + "/oauth/token/accessible-resources").handler(this::accessibleResources);
        new JiraRestRoutes(sim, dialect).mount(router, REST_PREFIX, this::authenticateForSite);
    }

    private void accessibleResources(RoutingContext ctx) {
        IssuedTokens.Access access = activeCloudToken(ctx);
        if (access == null) {
            unauthorized(ctx);
            return;
        }
        JsonArray scopes = new JsonArray();
        access.family.scopes.stream().filter(s -> !s.equals("offline_access")).sorted().forEach(scopes::add);
        JsonArray resources = new JsonArray();
        for (CloudSite site : access.family.sites) {
            resources.add(new JsonObject().put("id", site.cloudId()).put("url", sim.urls.site(site.name()))
                    .put("name", site.name()).put("scopes", scopes.copy())
                    .put("avatarUrl", "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png"));
        }
        Responses.json(ctx, 200, resources);
    }

    private void authenticateForSite(RoutingContext ctx) {
        IssuedTokens.Access access = activeCloudToken(ctx);
        String cloudId = ctx.pathParam("cloudId");
        CloudSite site = sim.state.siteByCloudId(cloudId).orElse(null);
        if (access == null || site == null || !access.family.coversSite(cloudId)) {
            unauthorized(ctx);
            return;
        }
        new RestCaller(access.family.user, sim.state.siteData(site.name()), dialect, sim.urls.cloudRestBase(cloudId),
                sim.urls.site(site.name()), scopesInForce(access)).attach(ctx);
        ctx.next();
    }

    /**
     * The scopes consented to that the app still has: a permission removed from the app in the
     * developer console after consent no longer works with the tokens issued before, and the gateway
     * answers such calls "scope does not match" (a way to reach that answer with the simulator).
     */
    private java.util.Set<String> scopesInForce(IssuedTokens.Access access) {
        java.util.Set<String> configured = sim.state.cloudClient(access.family.client.clientId())
                .map(OAuthClientRegistration::scopes).orElse(java.util.Set.of());
        java.util.Set<String> inForce = new java.util.HashSet<>(access.family.scopes);
        inForce.removeIf(scope -> !scope.equals("offline_access") && !configured.contains(scope));
        return inForce;
    }

    private IssuedTokens.Access activeCloudToken(RoutingContext ctx) {
        return sim.tokens.activeAccessToken(RestCaller.bearerToken(ctx))
                .filter(access -> access.family.client.isCloud()).orElse(null);
    }

    /** The gateway's answer to a missing, expired or revoked token. */
    static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"api.atlassian.com\", error=\"invalid_token\"");
        Responses.json(ctx, 401, new JsonObject().put("code", 401).put("message", "Unauthorized"));
    }
}
