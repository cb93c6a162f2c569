package io.testbridge.oauth;

import io.testbridge.audit.AuditLog;
import io.testbridge.bus.Doors;
import io.testbridge.bus.EventAddresses;
import io.testbridge.config.AppConfig;
import io.testbridge.db.Notifications;
import io.testbridge.crypto.SecretBox;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.identity.Identity;
import io.testbridge.integrations.Integrations;
import io.testbridge.jira.JiraHttp;
import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The oauth module: serves {@link OAuth} and {@link JiraTokens}, and owns the cache of OAuth clients,
 * the users' access tokens kept in memory ({@link KeptTokens}, with their notification channel),
 * the in-flight refreshes, the token keep-alive, the clean-up of flows never finished, and the
 * listener that deletes a disabled user's tokens.
 */
public final class OAuthVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthVerticle.class);
    private final Pool pool;
    private final AppConfig config;
    private final Clock clock;
    private final Metrics metrics;
    private final SecretBox secrets;
    private final JiraHttp jiraHttp;
    private final AuditLog audit;
    private final PeriodicJobs jobs;
    private final Integrations integrations;
    private final Identity identity;
    private final Supplier<URI> publicUrl;
    private final Notifications notifications;
    private KeptTokens keptTokens;

    /** @param publicUrl Testbridge's public URL, known once the HTTP server listens (the callback URL derives from it) */
    public OAuthVerticle(Pool pool, Notifications notifications, AppConfig config, Clock clock, Metrics metrics, SecretBox secrets, JiraHttp jiraHttp,
                         AuditLog audit, PeriodicJobs jobs, Integrations integrations, Identity identity, Supplier<URI> publicUrl) {
        this.pool = pool;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.secrets = secrets;
        this.jiraHttp = jiraHttp;
        this.audit = audit;
        this.jobs = jobs;
        this.integrations = integrations;
        this.identity = identity;
        this.publicUrl = publicUrl;
    }

    @Override
    public Future<?> start() {
        keptTokens = new KeptTokens(notifications);
        OAuthClients clients = new OAuthClients(vertx, config.atlassianAuthUrl(), jiraHttp, clock);
        OAuthClientStore clientStore = new OAuthClientStore(secrets);
        ConnectionStore connections = new ConnectionStore();
        GrantConfirmation grants = new GrantConfirmation(jiraHttp, config.atlassianApiUrl());
        OAuthFlows flows = new OAuthFlows(pool, clock, secrets, clients, integrations, audit, publicUrl, metrics);
        UserTokens tokens = new UserTokens(pool, clock, secrets, clientStore, connections, clients, identity, audit, flows::callbackUrl, metrics, keptTokens);
        DisabledUsers disabledUsers = new DisabledUsers(pool, integrations, audit, keptTokens);
        TokenKeepAlive keepAlive = new TokenKeepAlive(pool, clock, tokens, integrations, identity, disabledUsers);
        OAuthService service = new OAuthService(pool,
                new AdminConnections(pool, flows, clientStore, connections, integrations, grants, audit, keptTokens),
                new UserConnections(pool, clock, flows, clientStore, connections, integrations, identity, grants, audit, keptTokens),
                flows, connections, keepAlive);
        jobs.schedule(vertx, "token-keepalive", Duration.ofMinutes(30), Duration.ofHours(6), keepAlive::runOnce);
        PeriodicJobs.everyTickOnThisNode(vertx, "flow-cleanup", Duration.ofMinutes(1), flows::discardExpired);
        vertx.eventBus().<JsonObject>localConsumer(EventAddresses.USER_DISABLED, message -> disabledUsers.forget(message.body().getLong("userId"))
                .onFailure(e -> LOG.warn("event=disabled_user_tokens_not_deleted user_id={} reason={}", message.body().getLong("userId"), e.getMessage())));
        return Doors.serve(vertx, OAuth.class, service).compose(served -> Doors.serve(vertx, JiraTokens.class, tokens));
    }

    @Override
    public Future<?> stop() {
        if (keptTokens != null) {
            keptTokens.close();
        }
        return Future.succeededFuture();
    }
}
