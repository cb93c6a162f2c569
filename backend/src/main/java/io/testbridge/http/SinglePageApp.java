package io.testbridge.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the bundled SPA from {@code webroot} on the classpath: hashed assets cached for a year,
 * index.html never cached, and every other page path answered with index.html so deep links work.
 */
public final class SinglePageApp {
    private static final String WEBROOT = "webroot";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private SinglePageApp() {
    }

    public static void mount(Router router) {
        Buffer index = readIndex();
        router.route("/assets/*").handler(StaticHandler.create(WEBROOT + "/assets")
                .setCachingEnabled(true)
                .setMaxAgeSeconds(ONE_YEAR)
                .setDirectoryListing(false)
                .setIncludeHidden(false));
        router.get("/").handler(ctx -> sendIndex(ctx, index));
        router.get("/index.html").handler(ctx -> sendIndex(ctx, index));
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(StaticHandler.create(WEBROOT)
                .setCachingEnabled(true)
                .setMaxAgeSeconds(3600)
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false));
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            String path = ctx.normalizedPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (path.startsWith("/api/") || last.contains(".")) {
                ctx.fail(404);
            } else {
                sendIndex(ctx, index);
            }
        });
    }

    private static void sendIndex(RoutingContext ctx, Buffer index) {
        if (index == null) {
            ctx.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("The web interface is not part of this build.");
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(index);
    }

    private static Buffer readIndex() {
        try (InputStream in = SinglePageApp.class.getClassLoader().getResourceAsStream(WEBROOT + "/index.html")) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            return null;
        }
    }
}
