package io.testbridge.jirasim;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every call and logs it as one line. Only the path is logged: query strings carry codes,
 * states and tokens, and headers/bodies carry secrets, so neither is ever written.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.testbridge.jirasim.access");
    private static final Logger ERRORS = LoggerFactory.getLogger(AccessLog.class);

    private final CallCounters counters;

    AccessLog(CallCounters counters) {
        this.counters = counters;
    }

    void handle(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        counters.record(method, path);
        long started = System.nanoTime();
        ctx.addBodyEndHandler(done -> LOG.info("jira-sim request method={} path={} flavour={} status={} ms={}",
                method, path, Flavours.of(path), ctx.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000));
        ctx.next();
    }

    static void failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            ERRORS.error("jira-sim handler failed path={}", ctx.normalizedPath(), ctx.failure());
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (!ctx.response().ended()) {
            Responses.jiraError(ctx, status, status == 500 ? "Internal server error" : "Request failed");
        }
    }
}
