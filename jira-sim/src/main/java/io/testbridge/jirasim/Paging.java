package io.testbridge.jirasim;

import io.vertx.ext.web.RoutingContext;

/** Query parameters for paging; malformed numbers fall back to the default as Jira does. */
final class Paging {

    private Paging() {
    }

    static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
