package io.testbridge.jirasim;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The JSON control API under {base}/_control, the HTTP twin of {@link JiraSimulator}'s methods. */
final class ControlApi {

    private static final String P = "/_control";

    private final JiraSimulator sim;

    ControlApi(JiraSimulator sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.route(P + "/*").handler(BodyHandler.create(false).setBodyLimit(256 * 1024));
        router.get(P).handler(ctx -> ok(ctx, ControlViews.summary(sim)));
        router.post(P + "/users").handler(guard(this::addUser));
        router.post(P + "/sites").handler(guard(this::addSite));
        router.post(P + "/dc-instances").handler(guard(this::putDcInstance));
        router.post(P + "/clients").handler(guard(this::registerClient));
        router.get(P + "/clock").handler(ctx -> ok(ctx, ControlViews.clock(sim)));
        router.post(P + "/clock/advance").handler(guard(this::advanceClock));
        router.post(P + "/search-lag").handler(guard(ctx -> {
            Duration lag = Duration.ofMillis(body(ctx).getLong("millis", 0L)).plusSeconds(body(ctx).getLong("seconds", 0L));
            sim.searchLag(lag);
            ok(ctx, new JsonObject().put("searchLagMillis", lag.toMillis()));
        }));
        router.get(P + "/faults").handler(ctx -> ok(ctx, ControlViews.faults(sim.faults().active())));
        router.post(P + "/faults").handler(guard(this::addFault));
        router.delete(P + "/faults").handler(ctx -> {
            sim.faults().clear();
            ok(ctx, new JsonObject().put("cleared", true));
        });
        router.delete(P + "/faults/:id").handler(guard(ctx -> found(ctx,
                sim.faults().remove(Long.parseLong(ctx.pathParam("id"))))));
        router.get(P + "/counters").handler(ctx -> ok(ctx, ControlViews.counters(sim)));
        router.delete(P + "/counters").handler(this::resetCounters);
        router.post(P + "/counters/reset").handler(this::resetCounters);
        router.get(P + "/token-families").handler(ctx -> ok(ctx, ControlViews.families(sim.tokenFamilies())));
        router.post(P + "/token-families/:id/revoke").handler(ctx ->
                found(ctx, sim.revokeTokenFamily(ctx.pathParam("id"))));
        router.post(P + "/users/:user/revoke-tokens").handler(guard(ctx -> ok(ctx, new JsonObject().put("revoked",
                sim.revokeUserTokens(ctx.pathParam("user"), body(ctx).getString("clientId"))))));
        router.get(P + "/sites/:site/issues/:key").handler(ctx -> sim.siteIssue(ctx.pathParam("site"), ctx.pathParam("key"))
                .ifPresentOrElse(issue -> ok(ctx, issue), () -> found(ctx, false)));
        router.get(P + "/dc-instances/:name/issues/:key").handler(ctx -> sim.dcIssue(ctx.pathParam("name"), ctx.pathParam("key"))
                .ifPresentOrElse(issue -> ok(ctx, issue), () -> found(ctx, false)));
        router.post(P + "/sites/:site/issues/:key").handler(guard(ctx -> found(ctx, sim.workOnSiteIssue(ctx.pathParam("site"),
                ctx.pathParam("key"), body(ctx).getString("status"), body(ctx).getString("assignee")))));
        router.post(P + "/dc-instances/:name/issues/:key").handler(guard(ctx -> found(ctx, sim.workOnDcIssue(ctx.pathParam("name"),
                ctx.pathParam("key"), body(ctx).getString("status"), body(ctx).getString("assignee")))));
        router.delete(P + "/sites/:site/issues/:key").handler(ctx ->
                found(ctx, sim.deleteSiteIssue(ctx.pathParam("site"), ctx.pathParam("key"))));
        router.delete(P + "/dc-instances/:name/issues/:key").handler(ctx ->
                found(ctx, sim.deleteDcIssue(ctx.pathParam("name"), ctx.pathParam("key"))));
    }

    private void addUser(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String username = required(body, "username");
        SimUser user = new SimUser(body.getString("accountId", "557058:" + UUID.randomUUID()), username,
                body.getString("displayName", username), body.getString("emailAddress", username + "@example.com"));
        sim.addUser(user);
        ok(ctx, ControlViews.user(user));
    }

    private void addSite(RoutingContext ctx) {
        JsonObject body = body(ctx);
        CloudSite site = new CloudSite(required(body, "name"), body.getString("cloudId", UUID.randomUUID().toString()));
        sim.addSite(site);
        ok(ctx, new JsonObject().put("name", site.name()).put("cloudId", site.cloudId())
                .put("url", sim.siteUrl(site.name())));
    }

    private void putDcInstance(RoutingContext ctx) {
        JsonObject body = body(ctx);
        DcInstance instance = new DcInstance(required(body, "name"), required(body, "version"),
                body.getString("deploymentType"), body.getString("buildNumber"), body.getString("serverTitle"),
                body.getBoolean("serverInfoBehindLogin", false) ? DcInstance.ServerInfoAccess.BEHIND_LOGIN
                        : DcInstance.ServerInfoAccess.ANONYMOUS, body.getBoolean("enforcesHttps", false));
        sim.putDcInstance(instance);
        ok(ctx, ControlViews.instance(sim, instance));
    }

    private void registerClient(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String instance = body.getString("dcInstance");
        List<String> redirectUris = strings(body.getValue("redirectUris"));
        List<String> scopes = strings(body.getValue("scopes"));
        OAuthClientRegistration client = instance == null
                ? OAuthClientRegistration.cloud(required(body, "clientId"), required(body, "clientSecret"),
                        body.getString("name", "Test app"), redirectUris, Set.copyOf(scopes))
                : OAuthClientRegistration.dataCenter(instance, required(body, "clientId"),
                        required(body, "clientSecret"), body.getString("name", "Test app"), redirectUris,
                        scopes.isEmpty() ? "WRITE" : scopes.get(0));
        if (body.getBoolean("consentCoversAllSites", false)) {
            client = client.coveringAllSites();
        }
        String authentication = body.getString("tokenEndpointAuthMethod", "client_secret_post");
        if (authentication.equals("client_secret_basic")) {
            client = client.acceptingOnlyBasicAuthentication();
        } else if (!authentication.equals("client_secret_post")) {
            throw new IllegalArgumentException("tokenEndpointAuthMethod must be client_secret_post or client_secret_basic");
        }
        if (body.getBoolean("omitScopeFromTokenAnswers", false)) {
            client = client.omittingScopeFromTokenAnswers();
        }
        sim.registerClient(client);
        ok(ctx, ControlViews.client(client));
    }

    private void advanceClock(RoutingContext ctx) {
        JsonObject body = body(ctx);
        Duration by = body.containsKey("duration") ? Duration.parse(body.getString("duration"))
                : Duration.ofMillis(body.getLong("millis", 0L)).plusSeconds(body.getLong("seconds", 0L))
                        .plusMinutes(body.getLong("minutes", 0L)).plusHours(body.getLong("hours", 0L))
                        .plusDays(body.getLong("days", 0L));
        sim.advanceClock(by);
        ok(ctx, ControlViews.clock(sim));
    }

    private void addFault(RoutingContext ctx) {
        JsonObject body = body(ctx);
        FaultKind kind = FaultKind.fromWireName(required(body, "kind"));
        int defaultCount = kind == FaultKind.LATENCY ? -1 : 1;
        FaultSpec spec = new FaultSpec(kind, body.getInteger("count", defaultCount), body.getString("pathPrefix"),
                body.getString("pathPattern"), body.getString("flavour"), body.getString("method"),
                body.getLong("latencyMillis", 0L), body.getInteger("retryAfterSeconds", kind == FaultKind.RATE_LIMIT ? 10 : FaultSpec.NO_RETRY_AFTER),
                body.getInteger("status", 0));
        ok(ctx, new JsonObject().put("id", sim.faults().add(spec)));
    }

    private void resetCounters(RoutingContext ctx) {
        sim.resetCounters();
        ok(ctx, new JsonObject().put("reset", true));
    }

    /** Bad control input is the test's mistake: answer 400 with the reason instead of a 500. */
    private static Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RuntimeException e) {
                Responses.json(ctx, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
            }
        };
    }

    private static JsonObject body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        return ctx.body().asJsonObject();
    }

    private static String required(JsonObject body, String name) {
        String value = body.getString(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static List<String> strings(Object value) {
        if (value instanceof JsonArray array) {
            return array.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }

    private static void ok(RoutingContext ctx, Object body) {
        Responses.json(ctx, 200, body);
    }

    private static void found(RoutingContext ctx, boolean found) {
        Responses.json(ctx, found ? 200 : 404, new JsonObject().put("found", found));
    }
}
