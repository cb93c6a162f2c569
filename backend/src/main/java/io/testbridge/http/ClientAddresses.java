package io.testbridge.http;

import io.testbridge.config.TrustedProxies;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Finds each request's client once: the peer, or behind a trusted proxy the address it forwarded
 * (see {@link TrustedProxies}). The login throttle, sessions, logs and history all use it.
 */
public final class ClientAddresses implements PlatformHandler {
    static final String KEY = "testbridge.clientAddress";

    private final TrustedProxies proxies;

    public ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        ctx.put(KEY, proxies.isEmpty() ? peer : proxies.clientAddress(peer, ctx.request().headers().getAll("X-Forwarded-For")));
        ctx.next();
    }
}
