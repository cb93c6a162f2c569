package io.testbridge.jira;

import io.testbridge.Version;
import io.testbridge.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

/** The one HTTP client Testbridge uses to call Jira: timeouts, no redirects, its own User-Agent. */
public final class JiraHttp {
    private final WebClient client;
    private final long timeoutMs;

    public JiraHttp(Vertx vertx, AppConfig.OutboundPolicy policy) {
        this.timeoutMs = policy.timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("Testbridge/" + Version.CURRENT)
                .setFollowRedirects(false)
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(timeoutMs, 5_000)));
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
