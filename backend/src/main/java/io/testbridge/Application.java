package io.testbridge;

import io.testbridge.audit.AuditLog;
import io.testbridge.audit.AuditVerticle;
import io.testbridge.audit.History;
import io.testbridge.bus.Doors;
import io.testbridge.backup.BackupVerticle;
import io.testbridge.backup.Backups;
import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.crypto.KeyStore;
import io.testbridge.crypto.SecretBox;
import io.testbridge.automation.Automation;
import io.testbridge.automation.AutomationVerticle;
import io.testbridge.cycles.Cycles;
import io.testbridge.cycles.CyclesVerticle;
import io.testbridge.db.Database;
import io.testbridge.db.DatabaseErrors;
import io.testbridge.db.DatabaseServer;
import io.testbridge.db.Migrations;
import io.testbridge.db.Notifications;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.health.HealthCheck;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiRouter;
import io.testbridge.http.ClientAddresses;
import io.testbridge.http.FirstRunSetup;
import io.testbridge.http.HttpServerVerticle;
import io.testbridge.http.RequestIds;
import io.testbridge.http.SecurityHeaders;
import io.testbridge.http.ServerTiming;
import io.testbridge.http.SessionCookie;
import io.testbridge.http.UploadSpool;
import io.testbridge.http.routes.AutomationRoutes;
import io.testbridge.http.routes.CyclesRoutes;
import io.testbridge.http.routes.HistoryRoutes;
import io.testbridge.http.routes.IntegrationsRoutes;
import io.testbridge.http.routes.JiraConnectionsRoutes;
import io.testbridge.http.routes.JiraRoutes;
import io.testbridge.http.routes.OAuthCallbackRoutes;
import io.testbridge.http.routes.OAuthRoutes;
import io.testbridge.http.routes.SessionRoutes;
import io.testbridge.http.routes.ApiTokensRoutes;
import io.testbridge.http.routes.SystemRoutes;
import io.testbridge.http.routes.TestCasesRoutes;
import io.testbridge.http.routes.TestManagementRoutes;
import io.testbridge.http.routes.UsersRoutes;
import io.testbridge.identity.Identity;
import io.testbridge.identity.IdentityVerticle;
import io.testbridge.identity.NewUser;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.IntegrationsVerticle;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.JiraIssues;
import io.testbridge.oauth.JiraTokens;
import io.testbridge.oauth.OAuth;
import io.testbridge.oauth.OAuthVerticle;
import io.testbridge.observability.Metrics;
import io.testbridge.observability.MetricsEndpoint;
import io.testbridge.observability.RecentJiraErrors;
import io.testbridge.shared.Version;
import io.testbridge.testcases.TestCases;
import io.testbridge.testcases.TestCasesVerticle;
import io.testbridge.testmgmt.TestManagement;
import io.testbridge.testmgmt.TestManagementVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.openapi.contract.OpenAPIContract;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Boots Testbridge: data dir → database (embedded or external) → migrations → the module verticles,
 * each deployed once and in dependency order (audit, identity, integrations, oauth, test management,
 * test cases, cycles)
 * → the HTTP verticles on top. Modules talk to each other through their doors on the event bus
 * ({@link Doors}). Any step that cannot work fails with a {@link ConfigException} whose message
 * names the problem.
 */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** HTTP server instances: one per core, Vert.x's usual choice (each runs on its own event loop). */
    private static final int HTTP_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    /** Where uploads of CI results are spooled while they are read, under the data dir. */
    private static final String UPLOADS = "uploads";

    private final DatabaseServer database;
    private final Vertx vertx;
    private final int port;
    private final URI publicUrl;
    /** In start order: the modules, then the HTTP servers. */
    private final List<String> deployments;
    private final OAuth oauth;
    private final History history;
    private final Identity identity;
    private final Backups backups;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Notifications notifications;

    private Application(DatabaseServer database, Vertx vertx, int port, URI publicUrl, List<String> deployments, OAuth oauth, History history,
                        Identity identity, Backups backups, Notifications notifications) {
        this.notifications = notifications;
        this.history = history;
        this.identity = identity;
        this.backups = backups;
        this.database = database;
        this.vertx = vertx;
        this.port = port;
        this.publicUrl = publicUrl;
        this.deployments = deployments;
        this.oauth = oauth;
    }

    /** Runs the token keep-alive now rather than at its next period (operators' and tests' lever); how many were refreshed. */
    public int refreshIdleConnectionsNow() {
        return await(oauth.refreshIdleConnections(), "refreshing idle Jira connections");
    }

    /** Runs the OAuth flow clean-up now rather than at its next tick (operators' and tests' lever); how many flows it ended or forgot. */
    public int discardAbandonedFlowsNow() {
        return await(oauth.discardAbandonedFlows(), "discarding abandoned OAuth flows");
    }

    /** Applies the OAuth history's retention now rather than at its next period (operators' and tests' lever); how many rows went. */
    public int applyHistoryRetentionNow() {
        return await(history.applyRetention(), "applying the history retention");
    }

    /** Forgets quiet login counters now rather than at the next tick (operators' and tests' lever); how many went. */
    public int forgetQuietLoginCountersNow() {
        return await(identity.forgetQuietLoginCounters(), "forgetting quiet login counters");
    }

    /** Takes the day's scheduled backup now if it is due (operators' and tests' lever): 1 if it took one. */
    public int takeScheduledBackupIfDueNow() {
        return await(backups.takeScheduledBackupIfDue(), "taking the scheduled backup");
    }

    public static Application start(AppConfig config, Clock clock) {
        requireWritableDataDir(config.dataDir());
        UploadSpool.deleteLeftovers(config.dataDir().resolve(UPLOADS));
        // Start-up's slow parts run side by side: the database (an embedded PostgreSQL starts in a
        // second or so), Flyway's set-up, and, on this thread, Vert.x and the API document.
        CompletableFuture<DatabaseServer> databaseStart = onOwnThread("testbridge-database-start", () -> DatabaseServer.open(config));
        CompletableFuture<Migrations> migrations = onOwnThread("testbridge-migrations", () -> Migrations.prepare(config.dbConnectTimeout()));
        // one metrics registry per application, so several in one JVM (tests) keep their figures apart
        String registryName = "testbridge-" + java.util.UUID.randomUUID();
        Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(MetricsEndpoint.options(registryName)));
        Doors.install(vertx);
        Future<OpenAPIContract> contract = ApiRouter.loadContract(vertx);
        DatabaseServer database;
        try {
            database = join(databaseStart);
        } catch (RuntimeException e) {
            closeQuietly(vertx);
            throw e;
        }
        try {
            join(migrations).migrate(database.url());
            Metrics metrics = new Metrics(BackendRegistries.getNow(registryName));
            Pool pool = Database.pool(vertx, database.url(), config);
            // the node's one LISTEN connection: until it listens, caches kept true by it keep nothing (they ask
            // PostgreSQL), so start-up does not wait for it
            Notifications notifications = new Notifications(vertx, database.url());
            notifications.connect();
            HealthCheck health = new HealthCheck(vertx, pool);
            health.start();
            SecretBox secrets = KeyStore.open(config.secretKey(), config.previousSecretKeys(), config.dataDir());
            JiraHttp jiraHttp = new JiraHttp(vertx, config.outbound());
            RecentJiraErrors jiraErrors = new RecentJiraErrors(clock);
            AuditLog audit = new AuditLog(clock, metrics);
            PeriodicJobs jobs = new PeriodicJobs(pool, clock, metrics);
            AtomicReference<URI> publicUrl = new AtomicReference<>();

            // every module's door, as its callers hold it: a typed client of the module's verticle
            Identity identity = Doors.client(vertx, Identity.class);
            Integrations integrations = Doors.client(vertx, Integrations.class);
            History history = Doors.client(vertx, History.class);
            OAuth oauth = Doors.client(vertx, OAuth.class);
            TestManagement testManagement = Doors.client(vertx, TestManagement.class);
            TestCases testCases = Doors.client(vertx, TestCases.class);
            Cycles cycles = Doors.client(vertx, Cycles.class);
            Automation automation = Doors.client(vertx, Automation.class);
            Backups backups = Doors.client(vertx, Backups.class);
            JiraClient jira = new JiraClient(vertx, jiraHttp, Doors.client(vertx, JiraTokens.class), config.atlassianApiUrl(), metrics, jiraErrors);

            List<String> deployments = new ArrayList<>();
            // the modules start side by side (none calls another while starting)
            Map<String, VerticleBase> modules = new LinkedHashMap<>();
            modules.put("audit", new AuditVerticle(pool, notifications, config, clock, jobs));
            modules.put("identity", new IdentityVerticle(pool, notifications, config, clock, metrics));
            modules.put("integrations", new IntegrationsVerticle(pool, notifications, config, clock, jiraHttp, audit, jobs));
            modules.put("oauth", new OAuthVerticle(pool, notifications, config, clock, metrics, secrets, jiraHttp, audit, jobs,
                    integrations, identity, publicUrl::get));
            modules.put("test management", new TestManagementVerticle(pool, clock, integrations, jira, config.outbound().timeout()));
            modules.put("test cases", new TestCasesVerticle(pool, clock, testManagement, identity, integrations, jira));
            modules.put("cycles", new CyclesVerticle(pool, config, clock, testCases, testManagement, identity, integrations, jira, publicUrl::get));
            modules.put("automation", new AutomationVerticle(testManagement, testCases, cycles));
            modules.put("backups", new BackupVerticle(pool, database.url(), config, secrets.currentKeyId(), clock, jobs, metrics));
            deployAll(vertx, deployments, modules);
            await(createInitialAdmin(config, identity), "creating the initial administrator");

            boolean https = config.publicUrl().map(url -> "https".equals(url.getScheme())).orElse(false);
            FirstRunSetup setup = await(identity.anyUserExists(), "looking for users")
                    ? FirstRunSetup.closed(config.dataDir(), https) : FirstRunSetup.awaitingAdministrator(config.dataDir(), https);
            SessionCookie cookie = new SessionCookie(https);
            ApiRouter apiRouter = new ApiRouter(vertx, identity, cookie, Map.of("addAttachment", config.attachmentMaxBytes()));
            List<ApiModule> routes = List.of(
                    new SystemRoutes(pool, secrets, config, clock, jiraErrors, identity, integrations, oauth, backups, database.url()),
                    new UsersRoutes(identity, setup), new SessionRoutes(identity, cookie), new ApiTokensRoutes(identity, clock),
                    new IntegrationsRoutes(integrations),
                    new OAuthRoutes(oauth, integrations), new HistoryRoutes(history, integrations, identity, cookie),
                    new JiraConnectionsRoutes(oauth), new JiraRoutes(new JiraIssues(jira), integrations),
                    new TestManagementRoutes(testManagement), new TestCasesRoutes(testCases, testManagement),
                    new CyclesRoutes(cycles), new AutomationRoutes(automation, config.dataDir().resolve(UPLOADS), config.resultsMaxBytes()));
            List<Consumer<Router>> pages = new ArrayList<>(List.of(new OAuthCallbackRoutes(oauth, identity, cookie)::mount, setup::mount));
            if (config.metrics().mode() == AppConfig.MetricsMode.TOKEN) {
                pages.add(router -> MetricsEndpoint.mountWithToken(router, registryName, config.metrics().token()));
            }
            OpenAPIContract api = await(contract, "reading the API document");
            IntFunction<HttpServerVerticle> httpServer = port -> new HttpServerVerticle(config.httpHost(), port,
                    () -> apiRouter.create(api, routes, List.of(new RequestIds(), new ClientAddresses(config.trustedProxies()), new ServerTiming(), new SecurityHeaders(https))), health, pages);
            int port = deployHttpServers(vertx, config, httpServer, deployments);
            publicUrl.set(config.publicUrlOr(port));
            if (config.metrics().mode() == AppConfig.MetricsMode.PORT) {
                await(MetricsEndpoint.startSeparateServer(vertx, config.httpHost(), config.metrics().port(), registryName), "starting the metrics server");
            }
            setup.announce(publicUrl.get());
            health.markReady();
            LOG.info("event=started version={} url={} database={} key_id={}", Version.CURRENT, publicUrl.get(),
                    database.isEmbedded() ? "embedded " + config.dataDir().resolve("postgres") : database.url(), secrets.currentKeyId());
            return new Application(database, vertx, port, publicUrl.get(), deployments, oauth, history, identity, backups, notifications);
        } catch (RuntimeException e) {
            closeQuietly(vertx);
            database.close();
            throw e;
        }
    }

    /**
     * Deploys the module verticles (one instance each: a module's state lives on one context) at
     * once, and notes them for stopping in the order given; the first that fails names itself.
     */
    private static void deployAll(Vertx vertx, List<String> deployments, Map<String, VerticleBase> modules) {
        Map<String, Future<String>> started = new LinkedHashMap<>();
        modules.forEach((module, verticle) -> started.put(module, vertx.deployVerticle(verticle)));
        await(Future.join(List.copyOf(started.values())).<Void>mapEmpty().otherwiseEmpty(), "starting the modules");
        started.forEach((module, deployment) -> {
            if (deployment.succeeded()) {
                deployments.add(deployment.result());
            }
        });
        started.forEach((module, deployment) -> await(deployment, "starting the " + module + " module"));
    }

    /**
     * One HTTP server verticle per event loop, all on one socket that Vert.x shares among them. Port
     * 0 (any free port) becomes -1: Vert.x's "any free port, shared by the instances".
     * @return the port they listen on
     */
    private static int deployHttpServers(Vertx vertx, AppConfig config, IntFunction<HttpServerVerticle> httpServer, List<String> deployments) {
        int port = config.httpPort() == 0 ? -1 : config.httpPort();
        List<HttpServerVerticle> instances = new CopyOnWriteArrayList<>();
        try {
            deployments.add(await(vertx.deployVerticle(() -> {
                HttpServerVerticle instance = httpServer.apply(port);
                instances.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(HTTP_EVENT_LOOPS)), "starting the HTTP server"));
        } catch (ConfigException e) {
            if (e.getCause() instanceof BindException) {
                throw new ConfigException("Port " + config.httpPort() + " on " + config.httpHost()
                        + " is already in use; set TESTBRIDGE_HTTP_PORT to a free port.");
            }
            throw e;
        }
        return instances.get(0).actualPort();
    }

    private static Future<Void> createInitialAdmin(AppConfig config, Identity users) {
        if (config.initialAdmin().isEmpty()) {
            return Future.succeededFuture();
        }
        AppConfig.InitialAdmin admin = config.initialAdmin().get();
        if (admin.password().length() < 12) {
            return Future.failedFuture(new ConfigException("TESTBRIDGE_INITIAL_ADMIN_PASSWORD must have at least 12 characters."));
        }
        if (!NewUser.USERNAME.matcher(admin.username()).matches()) {
            return Future.failedFuture(new ConfigException("TESTBRIDGE_INITIAL_ADMIN_USERNAME must be 2 to 64 letters, digits or ._@- (starting with a letter or digit)."));
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

    private static <T> CompletableFuture<T> onOwnThread(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> new Thread(runnable, name).start());
    }

    /** The result of a start-up step run on its own thread; its {@link ConfigException} as if thrown here. */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
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

    /**
     * Stops accepting, lets in-flight requests finish, then undeploys the modules in the reverse of
     * their start order, closes Vert.x (and with it the pool and Jira clients), then stops an
     * embedded database.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // The HTTP servers first (they wait for their in-flight requests), then each module: closing Vert.x
        // undeploys everything at once, which would pull modules from under a request that still needs them.
        for (int i = deployments.size() - 1; i >= 0; i--) {
            awaitQuietly(vertx.undeploy(deployments.get(i)), 30, "undeploy_failed");
        }
        awaitQuietly(notifications.close(), 10, "notifications_close_failed");
        closeQuietly(vertx);
        database.close();
        LOG.info("event=stopped");
    }

    private static void closeQuietly(Vertx vertx) {
        awaitQuietly(vertx.close(), 30, "vertx_close_failed");
    }

    /** One step of stopping: a failure or a timeout is logged as {@code failureEvent}, and stopping goes on. */
    private static void awaitQuietly(Future<?> step, int seconds, String failureEvent) {
        try {
            step.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event={} reason={}", failureEvent, e.toString());
        }
    }
}
