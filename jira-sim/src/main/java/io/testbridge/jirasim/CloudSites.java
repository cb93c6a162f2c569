package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * https://{site}.atlassian.net: the token-less /_edge/tenant_info, anonymous serverInfo, an issue
 * page for "open in Jira" links, and 401 for REST calls with an OAuth token (3LO tokens only work
 * through api.atlassian.com).
 */
final class CloudSites {

    static final String PREFIX = "/cloud/sites/:site";

    private final SimContext sim;

    CloudSites(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.get(PREFIX + "/_edge/tenant_info").handler(ctx -> withSite(ctx, site ->
                Responses.json(ctx, 200, new JsonObject().put("cloudId", site.cloudId()))));
        router.get(PREFIX + "/rest/api/:version/serverInfo").handler(ctx -> withSite(ctx, site ->
                Responses.json(ctx, 200, serverInfo(site))));
        router.get(PREFIX + "/browse/:key").handler(ctx -> withSite(ctx, site ->
                sim.state.siteData(site.name()).issue(ctx.pathParam("key")).ifPresentOrElse(
                        issue -> Responses.html(ctx, 200, ConsentPages.browsePage(issue.key, issue.summary)),
                        () -> Responses.html(ctx, 404, ConsentPages.error("Issue not found", "not_found",
                                "The issue does not exist.")))));
        router.route(PREFIX + "/rest/*").handler(ctx -> withSite(ctx, site ->
                Responses.jiraError(ctx, 401, "OAuth 2.0 (3LO) tokens are accepted only through api.atlassian.com")));
        router.route(PREFIX).handler(ctx -> withSite(ctx, site ->
                Responses.html(ctx, 200, ConsentPages.browsePage(site.name(), "Jira Cloud site (simulated)"))));
    }

    private void withSite(RoutingContext ctx, Consumer<CloudSite> action) {
        sim.state.site(ctx.pathParam("site")).ifPresentOrElse(action,
                () -> Responses.html(ctx, 404, ConsentPages.error("Site not found", "not_found",
                        "There is no Atlassian site with this address.")));
    }

    private JsonObject serverInfo(CloudSite site) {
        return new JsonObject().put("baseUrl", sim.urls.site(site.name())).put("version", "1001.0.0-SNAPSHOT")
                .put("versionNumbers", new JsonArray().add(1001).add(0).add(0)).put("deploymentType", "Cloud")
                .put("buildNumber", 100290).put("serverTitle", "Jira");
    }
}
