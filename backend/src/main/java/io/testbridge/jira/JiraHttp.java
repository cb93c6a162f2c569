package io.testbridge.jira;

import io.testbridge.shared.Version;
import io.testbridge.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

/** The one HTTP client Testbridge uses to call Jira: timeouts, no redirects, its own User-Agent. */
public final class JiraHttp {
    /**
     * Connections kept per Jira host. Vert.x's default (5) queued concurrent users' calls behind
     * each other; every Jira Cloud site is one host (api.atlassian.com), so this is shared by all
     * Cloud instances. Jira's own rate limits, not this pool, are what bounds our load on Jira.
     */
    private static final int CONNECTIONS_PER_HOST = 64;

    private final WebClient client;
    private final long timeoutMs;

    public JiraHttp(Vertx vertx, AppConfig.OutboundPolicy policy) {
        this.timeoutMs = policy.timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("Testbridge/" + Version.CURRENT)
                .setFollowRedirects(false)
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(timeoutMs, 5_000)),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
    }

    public HttpRequest<Buffer> get(String absoluteUrl) {
        return client.getAbs(absoluteUrl).timeout(timeoutMs).putHeader("Accept", "application/json");
    }

    public HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String absoluteUrl) {
        return client.requestAbs(method, absoluteUrl).timeout(timeoutMs).putHeader("Accept", "application/json");
    }

    public HttpRequest<Buffer> getWithBearer(String absoluteUrl, String accessToken) {
        return get(absoluteUrl).bearerTokenAuthentication(accessToken);
    }

    public void close() {
        client.close();
    }
}
