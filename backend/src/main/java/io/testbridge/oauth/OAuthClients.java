package io.testbridge.oauth;

import io.testbridge.jira.Deployment;
import io.testbridge.jira.JiraHttp;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and caches one {@link JiraOAuthClient} per registration (all share the one Jira HTTP client). Used on the oauth verticle's context only.
 */
final class OAuthClients {
    private static final int MAX_CACHED = 256;

    private final Vertx vertx;
    private final String atlassianAuthUrl;
    private final JiraHttp http;
    private final Clock clock;
    private final ClientAuthentications authentications = new ClientAuthentications();
    private final Map<String, JiraOAuthClient> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JiraOAuthClient> eldest) {
            return size() > MAX_CACHED;
        }
    };

    OAuthClients(Vertx vertx, String atlassianAuthUrl, JiraHttp http, Clock clock) {
        this.vertx = vertx;
        this.atlassianAuthUrl = atlassianAuthUrl;
        this.http = http;
        this.clock = clock;
    }

    /** @param baseUrl the instance's base URL (Data Center's authorization server; Cloud's is Atlassian's) */
    JiraOAuthClient of(Deployment deployment, String baseUrl, String clientId, String clientSecret, String redirectUri) {
        String site = deployment == Deployment.CLOUD ? atlassianAuthUrl : baseUrl;
        String key = String.join("\n", deployment.name(), site, clientId, redirectUri,
                Base64.getEncoder().encodeToString(FlowSecrets.sha256(clientSecret.getBytes(StandardCharsets.UTF_8))));
        return cache.computeIfAbsent(key, k ->
                JiraOAuthClient.create(vertx, http, deployment, site, clientId, clientSecret, redirectUri, authentications, clock));
    }
}
