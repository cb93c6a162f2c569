package io.testbridge.observability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;

/** The Prometheus endpoint {@code /metrics}: off, behind a bearer token, or open on a port of its own. */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    public static MicrometerMetricsOptions options(String registryName) {
        return new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(registryName)
                .setJvmMetricsEnabled(true)
                // EB_SIDE: without it the event bus's local and remote "pending" gauges collide (a WARN at every start)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE))
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true));
    }

    public static void mountWithToken(Router router, String registryName, String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        router.get("/metrics").handler(ctx -> {
            String sent = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (sent == null || !MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8))) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"").end();
                return;
            }
            ctx.next();
        }).handler(PrometheusScrapingHandler.create(registryName));
    }

    public static Future<Void> startSeparateServer(Vertx vertx, String host, int port, String registryName) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registryName));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).mapEmpty();
    }
}
