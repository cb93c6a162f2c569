package io.testbridge.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.Locale;

/**
 * Says in a {@code Server-Timing} header how long the server spent on a request, up to its headers
 * (browser dev tools show it; benchmarks read it to tell server time from the client's).
 */
public final class ServerTiming implements PlatformHandler {
    public static final String HEADER = "Server-Timing";

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addHeadersEndHandler(done -> ctx.response().putHeader(HEADER,
                String.format(Locale.ROOT, "app;dur=%.2f", (System.nanoTime() - started) / 1_000_000.0)));
        ctx.next();
    }
}
