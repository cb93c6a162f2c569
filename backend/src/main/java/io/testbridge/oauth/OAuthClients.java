package io.testbridge.oauth;

import io.testbridge.integrations.Deployment;
import io.testbridge.integrations.JiraInstance;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and caches one {@link JiraOAuthClient} per registration (each holds its own HTTP connection pool). */
public final class OAuthClients {
    private static final int MAX_CACHED = 256;

    private final Vertx vertx;
    private final String atlassianAuthUrl;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, JiraOAuthClient> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JiraOAuthClient> eldest) {
            return size() > MAX_CACHED;
        }
    });

    public OAuthClients(Vertx vertx, String atlassianAuthUrl, Duration timeout, Clock clock) {
        this.vertx = vertx;
        this.atlassianAuthUrl = atlassianAuthUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    public JiraOAuthClient of(JiraInstance instance, String clientId, String clientSecret, String redirectUri) {
        String site = instance.deployment() == Deployment.CLOUD ? atlassianAuthUrl : instance.baseUrl();
        String key = String.join("\n", instance.deployment().name(), site, clientId, redirectUri,
                Base64.getEncoder().encodeToString(FlowSecrets.sha256(clientSecret.getBytes(StandardCharsets.UTF_8))));
        return cache.computeIfAbsent(key, k ->
                JiraOAuthClient.create(vertx, instance.deployment(), site, clientId, clientSecret, redirectUri, timeout, clock));
    }
}
