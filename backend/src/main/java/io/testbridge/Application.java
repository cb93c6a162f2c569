package io.testbridge;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.db.Database;
import io.testbridge.db.DatabaseErrors;
import io.testbridge.db.DatabaseServer;
import io.testbridge.db.Migrations;
import io.testbridge.health.HealthCheck;
import io.testbridge.http.ApiRouter;
import io.testbridge.http.HttpServerVerticle;
import io.testbridge.http.SecurityHeaders;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.integrations.InstanceChecker;
import io.testbridge.integrations.InstanceProbe;
import io.testbridge.integrations.IntegrationService;
import io.testbridge.integrations.IntegrationsApi;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.OutboundGuard;
import io.testbridge.audit.AuditLog;
import io.testbridge.audit.HistoryApi;
import io.testbridge.audit.HistoryService;
import io.testbridge.crypto.KeyStore;
import io.testbridge.crypto.SecretBox;
import io.testbridge.http.RequestIds;
import io.testbridge.oauth.AdminConnections;
import io.testbridge.oauth.CallbackRoutes;
import io.testbridge.oauth.GrantConfirmation;
import io.testbridge.oauth.OAuthApi;
import io.testbridge.oauth.OAuthClientStore;
import io.testbridge.oauth.OAuthClients;
import io.testbridge.oauth.OAuthFlows;
import io.testbridge.oauth.UserConnections;
import io.testbridge.oauth.UserConnectionsApi;
import io.testbridge.oauth.UserTokens;
import io.testbridge.oauth.TokenKeepAlive;
import io.testbridge.jira.JiraApi;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraIssues;
import io.testbridge.testmgmt.IssueService;
import io.testbridge.testmgmt.ProjectService;
import io.testbridge.testmgmt.SuiteService;
import io.testbridge.testmgmt.TestManagementApi;
import io.testbridge.sessions.LoginThrottle;
import io.testbridge.sessions.SessionCookie;
import io.testbridge.sessions.SessionStore;
import io.testbridge.sessions.SessionsApi;
import io.testbridge.system.SystemApi;
import io.testbridge.users.NewUser;
import io.testbridge.users.UserService;
import io.testbridge.users.UsersApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Boots Testbridge: data dir → database (embedded or external) → migrations → verticles → HTTP.
 * Any step that cannot work fails with a {@link ConfigException} whose message names the problem.
 */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final long SESSION_PURGE_INTERVAL_MS = Duration.ofMinutes(10).toMillis();
    private static final long FLOW_CLEANUP_INTERVAL_MS = Duration.ofMinutes(1).toMillis();

    private final DatabaseServer database;
    private final Vertx vertx;
    private final int port;
    private final URI publicUrl;

    private final TokenKeepAlive keepAlive;

    private Application(DatabaseServer database, Vertx vertx, int port, URI publicUrl, TokenKeepAlive keepAlive) {
        this.database = database;
        this.vertx = vertx;
        this.port = port;
        this.publicUrl = publicUrl;
        this.keepAlive = keepAlive;
    }

    /** Runs the token keep-alive now rather than at its next period (operators' and tests' lever); how many were refreshed. */
    public int refreshIdleConnectionsNow() {
        return await(keepAlive.runOnce(), "refreshing idle Jira connections");
    }

    public static Application start(AppConfig config, Clock clock) {
        requireWritableDataDir(config.dataDir());
        DatabaseServer database = DatabaseServer.open(config);
        Vertx vertx = null;
        try {
            Migrations.migrate(database.url(), config.dbConnectTimeout());
            vertx = Vertx.vertx();
            Pool pool = Database.pool(vertx, database.url(), config);
            boolean https = config.publicUrl().map(url -> "https".equals(url.getScheme())).orElse(false);
            UserService users = new UserService(vertx, pool);
            SessionStore sessions = new SessionStore(pool, clock, config);
            SessionCookie cookie = new SessionCookie(https);
            LoginThrottle throttle = new LoginThrottle(pool, clock, config);
            ApiRouter api = new ApiRouter(vertx, sessions, cookie);
            PeriodicJobs jobs = new PeriodicJobs(pool, clock);
            JiraHttp jiraHttp = new JiraHttp(vertx, config.outbound());
            AuditLog audit = new AuditLog(vertx, clock);
            HistoryService history = new HistoryService(pool, clock);
            IntegrationService integrations = new IntegrationService(pool, clock, new InstanceProbe(jiraHttp),
                    new OutboundGuard(vertx, config.outbound()), audit);
            SecretBox secrets = KeyStore.open(config.secretKey(), config.previousSecretKeys(), config.dataDir());
            AtomicReference<URI> publicUrl = new AtomicReference<>();
            OAuthClients sharedClients = new OAuthClients(vertx, config.atlassianAuthUrl(), config.outbound().timeout(), clock);
            OAuthFlows flows = new OAuthFlows(pool, clock, secrets, sharedClients, integrations, audit, publicUrl::get);
            OAuthClientStore clientStore = new OAuthClientStore(secrets);
            GrantConfirmation grants = new GrantConfirmation(jiraHttp, config.atlassianApiUrl());
            AdminConnections adminConnections = new AdminConnections(pool, flows, clientStore, integrations, grants, audit);
            UserConnections userConnections = new UserConnections(pool, clock, flows, clientStore, integrations, grants, audit);
            UserTokens userTokens = new UserTokens(pool, clock, secrets, clientStore, sharedClients, audit, flows::callbackUrl);
            JiraClient jiraClient = new JiraClient(vertx, jiraHttp, userTokens, config.atlassianApiUrl());
            TokenKeepAlive keepAlive = new TokenKeepAlive(pool, clock, userTokens, integrations);
            JiraIssues jiraIssues = new JiraIssues(jiraClient);
            ProjectService projects = new ProjectService(pool);
            IssueService issues = new IssueService(pool, clock, projects, integrations, jiraClient, jiraIssues, config.outbound().timeout());
            SuiteService suites = new SuiteService(pool, clock, projects, integrations, jiraIssues);

            await(createInitialAdmin(config, users), "creating the initial administrator");
            HttpServerVerticle http = new HttpServerVerticle(config.httpHost(), config.httpPort(),
                    contract -> api.create(contract, List.of(new SystemApi(), new UsersApi(users),
                            new SessionsApi(users, sessions, throttle, cookie), new IntegrationsApi(integrations),
                            new OAuthApi(adminConnections), new HistoryApi(history, integrations),
                            new UserConnectionsApi(userConnections), new JiraApi(jiraClient, jiraIssues, integrations),
                            new TestManagementApi(projects, issues, suites)),
                            List.of(new RequestIds(), new SecurityHeaders(https))),
                    new HealthCheck(vertx, pool),
                    List.of(new CallbackRoutes(flows, sessions, cookie)::mount));
            try {
                await(vertx.deployVerticle(http), "starting the HTTP server");
            } catch (ConfigException e) {
                if (e.getCause() instanceof BindException) {
                    throw new ConfigException("Port " + config.httpPort() + " on " + config.httpHost()
                            + " is already in use; set TESTBRIDGE_HTTP_PORT to a free port.");
                }
                throw e;
            }
            publicUrl.set(config.publicUrlOr(http.actualPort()));
            InstanceChecker.schedule(vertx, jobs, integrations, config.instanceCheckInterval());
            vertx.setPeriodic(Duration.ofMinutes(30).toMillis(), id -> jobs.claim("token-keepalive", Duration.ofHours(6))
                    .compose(claimed -> claimed ? keepAlive.runOnce() : Future.succeededFuture(0))
                    .onFailure(e -> LOG.warn("event=job_failed job=token-keepalive reason={}", e.getMessage())));
            if (!config.historyRetention().isZero()) {
                vertx.setPeriodic(Duration.ofMinutes(15).toMillis(), id -> jobs.claim("history-retention", Duration.ofHours(1))
                        .compose(claimed -> claimed ? history.applyRetention(config.historyRetention()) : Future.succeededFuture(0))
                        .onFailure(e -> LOG.warn("event=job_failed job=history-retention reason={}", e.getMessage())));
            }
            vertx.setPeriodic(FLOW_CLEANUP_INTERVAL_MS, id -> flows.discardExpired()
                    .onFailure(e -> LOG.warn("event=flow_cleanup_failed reason={}", e.getMessage())));
            vertx.setPeriodic(SESSION_PURGE_INTERVAL_MS, id -> sessions.purgeExpired()
                    .onFailure(e -> LOG.warn("event=session_purge_failed reason={}", e.getMessage())));
            LOG.info("event=started version={} url={} database={} key_id={}", Version.CURRENT, publicUrl.get(),
                    database.isEmbedded() ? "embedded " + config.dataDir().resolve("postgres") : database.url(), secrets.currentKeyId());
            return new Application(database, vertx, http.actualPort(), publicUrl.get(), keepAlive);
        } catch (RuntimeException e) {
            if (vertx != null) {
                closeQuietly(vertx);
            }
            database.close();
            throw e;
        }
    }

    private static Future<Void> createInitialAdmin(AppConfig config, UserService users) {
        if (config.initialAdmin().isEmpty()) {
            return Future.succeededFuture();
        }
        AppConfig.InitialAdmin admin = config.initialAdmin().get();
        if (admin.password().length() < 12) {
            return Future.failedFuture(new ConfigException("TESTBRIDGE_INITIAL_ADMIN_PASSWORD must have at least 12 characters."));
        }
        return users.anyUserExists().compose(exists -> exists
                ? Future.succeededFuture()
                : users.createFirstAdmin(new NewUser(admin.username(), admin.username(), admin.username() + "@localhost", admin.password()))
                        .onSuccess(user -> LOG.info("event=initial_admin_created username={}", user.username()))
                        .mapEmpty());
    }

    private static void requireWritableDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("The data dir " + dataDir + " is not writable (" + DatabaseErrors.rootMessage(e)
                    + "); set TESTBRIDGE_DATA_DIR to a folder this user can write.");
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException("Failed " + what + ": " + DatabaseErrors.rootMessage(cause), cause);
        } catch (TimeoutException e) {
            throw new ConfigException("Timed out " + what + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("Interrupted while " + what + ".");
        }
    }

    public int port() {
        return port;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops accepting, lets in-flight requests finish, closes the pool, then stops an embedded database. */
    public void stop() {
        closeQuietly(vertx);
        database.close();
        LOG.info("event=stopped");
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event=vertx_close_failed reason={}", e.toString());
        }
    }
}
