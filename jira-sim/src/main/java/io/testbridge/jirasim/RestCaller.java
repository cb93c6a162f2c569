package io.testbridge.jirasim;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Who is calling which Jira: resolved from the bearer token by the gateway (Cloud) or the instance
 * (DC), and read by every REST handler.
 *
 * @param restBase base of self links, e.g. {cloudApi}/ex/jira/{cloudId}/rest/api/3
 * @param browseBase where people open issues: the site URL or the DC base URL
 */
record RestCaller(SimUser user, JiraData data, RestDialect dialect, String restBase, String browseBase,
        Set<String> scopes) {

    private static final String KEY = "jira-sim.caller";

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    static RestCaller of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    static String bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
