package io.testbridge.http;

import io.testbridge.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP front door: security headers, {@code /health}, the API built from the OpenAPI document,
 * then the SPA. Deployed once per event loop on the same port (Vert.x shares the socket and spreads
 * connections across the instances); each instance builds its own router. Stopping it stops
 * accepting connections and lets in-flight requests finish.
 */
public final class HttpServerVerticle extends VerticleBase {
    private static final long SHUTDOWN_GRACE_SECONDS = 10;

    private final String host;
    private final int port;
    private final Supplier<Router> apiRouter;
    private final HealthCheck health;
    private final List<Consumer<Router>> pages;
    private HttpServer server;

    /** @param pages server-rendered pages (such as the OAuth callback), mounted before the SPA */
    public HttpServerVerticle(String host, int port, Supplier<Router> apiRouter, HealthCheck health,
                              List<Consumer<Router>> pages) {
        this.host = host;
        this.port = port;
        this.apiRouter = apiRouter;
        this.health = health;
        this.pages = pages;
    }

    @Override
    public Future<?> start() {
        // the API router comes first: its root handlers (security headers, body limit) cover every route
        Router router = apiRouter.get();
        health.mount(router);
        pages.forEach(page -> page.accept(router));
        SinglePageApp.mount(router);
        router.route().failureHandler(new FailureHandler());
        server = vertx.createHttpServer(new HttpServerOptions()
                // HTTP/2 comes from the TLS proxy in front; plain-text upgrades (h2c) are not offered
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(32 * 1024)
                .setCompressionSupported(true)
                .setMaxFormAttributeSize(64 * 1024)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
        // requests the HTTP codec itself refuses (line or headers too long) answer in the API's error shape too
        server.invalidRequestHandler(request -> request.response()
                .setStatusCode(request.decoderResult().cause() instanceof io.netty.handler.codec.TooLongFrameException ? 414 : 400)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"error\":{\"code\":\"invalid_request\",\"message\":\"The request line or headers are malformed or too long.\"}}"));
        return server.requestHandler(router).listen(port, host);
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
