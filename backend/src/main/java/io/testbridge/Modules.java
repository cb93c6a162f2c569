package io.testbridge;

import io.testbridge.audit.AuditLog;
import io.testbridge.audit.HistoryApi;
import io.testbridge.audit.HistoryService;
import io.testbridge.config.AppConfig;
import io.testbridge.crypto.KeyStore;
import io.testbridge.crypto.SecretBox;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiRouter;
import io.testbridge.integrations.InstanceChecker;
import io.testbridge.integrations.InstanceProbe;
import io.testbridge.integrations.IntegrationService;
import io.testbridge.integrations.IntegrationsApi;
import io.testbridge.jira.JiraApi;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.JiraIssues;
import io.testbridge.jira.OutboundGuard;
import io.testbridge.oauth.AdminConnections;
import io.testbridge.oauth.CallbackRoutes;
import io.testbridge.oauth.GrantConfirmation;
import io.testbridge.oauth.OAuthApi;
import io.testbridge.oauth.OAuthClientStore;
import io.testbridge.oauth.OAuthClients;
import io.testbridge.oauth.OAuthFlows;
import io.testbridge.oauth.TokenKeepAlive;
import io.testbridge.oauth.UserConnections;
import io.testbridge.oauth.UserConnectionsApi;
import io.testbridge.oauth.UserTokens;
import io.testbridge.observability.Metrics;
import io.testbridge.observability.RecentJiraErrors;
import io.testbridge.sessions.LoginThrottle;
import io.testbridge.sessions.SessionCookie;
import io.testbridge.sessions.SessionEvictions;
import io.testbridge.sessions.SessionStore;
import io.testbridge.sessions.SessionsApi;
import io.testbridge.system.SystemApi;
import io.testbridge.testmgmt.IssueService;
import io.testbridge.testmgmt.ProjectService;
import io.testbridge.testmgmt.SuiteService;
import io.testbridge.testmgmt.TestManagementApi;
import io.testbridge.users.UserService;
import io.testbridge.users.UsersApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Builds every module once, wired to its collaborators; {@link Application} starts and stops them. */
final class Modules {
    private static final Logger LOG = LoggerFactory.getLogger(Modules.class);

    final UserService users;
    final SessionStore sessions;
    final SessionCookie cookie;
    final ApiRouter api;
    final SecretBox secrets;
    final OAuthFlows flows;
    final TokenKeepAlive keepAlive;
    private final Vertx vertx;
    private final AppConfig config;
    private final PeriodicJobs jobs;
    private final IntegrationService integrations;
    private final HistoryService history;
    private final List<ApiModule> apiModules;

    Modules(Vertx vertx, Pool pool, SessionEvictions evictions, AppConfig config, Clock clock, Metrics metrics, Supplier<URI> publicUrl) {
        this.vertx = vertx;
        this.config = config;
        boolean https = config.publicUrl().map(url -> "https".equals(url.getScheme())).orElse(false);
        users = new UserService(vertx, pool);
        sessions = new SessionStore(vertx, pool, evictions, clock, config);
        cookie = new SessionCookie(https);
        LoginThrottle throttle = new LoginThrottle(pool, clock, config);
        api = new ApiRouter(vertx, sessions, cookie);
        jobs = new PeriodicJobs(pool, clock, metrics);
        JiraHttp jiraHttp = new JiraHttp(vertx, config.outbound());
        AuditLog audit = new AuditLog(vertx, clock, metrics);
        history = new HistoryService(pool, clock);
        integrations = new IntegrationService(pool, clock, new InstanceProbe(jiraHttp), new OutboundGuard(vertx, config.outbound()), audit);
        secrets = KeyStore.open(config.secretKey(), config.previousSecretKeys(), config.dataDir());
        OAuthClients oauthClients = new OAuthClients(vertx, config.atlassianAuthUrl(), config.outbound().timeout(), clock);
        flows = new OAuthFlows(pool, clock, secrets, oauthClients, integrations, audit, publicUrl, metrics);
        OAuthClientStore clientStore = new OAuthClientStore(secrets);
        GrantConfirmation grants = new GrantConfirmation(jiraHttp, config.atlassianApiUrl());
        AdminConnections adminConnections = new AdminConnections(pool, flows, clientStore, integrations, grants, audit);
        UserConnections userConnections = new UserConnections(pool, clock, flows, clientStore, integrations, grants, audit);
        UserTokens userTokens = new UserTokens(pool, clock, secrets, clientStore, oauthClients, audit, flows::callbackUrl, metrics);
        RecentJiraErrors jiraErrors = new RecentJiraErrors(clock);
        JiraClient jiraClient = new JiraClient(vertx, jiraHttp, userTokens, config.atlassianApiUrl(), metrics, jiraErrors);
        keepAlive = new TokenKeepAlive(pool, clock, userTokens, integrations);
        JiraIssues jiraIssues = new JiraIssues(jiraClient);
        ProjectService projects = new ProjectService(pool);
        IssueService issues = new IssueService(pool, clock, projects, integrations, jiraClient, jiraIssues, config.outbound().timeout());
        SuiteService suites = new SuiteService(pool, clock, projects, integrations, jiraIssues);
        apiModules = List.of(new SystemApi(pool, secrets, config, clock, jiraErrors), new UsersApi(users),
                new SessionsApi(users, sessions, throttle, cookie), new IntegrationsApi(integrations),
                new OAuthApi(adminConnections), new HistoryApi(history, integrations), new UserConnectionsApi(userConnections),
                new JiraApi(jiraClient, jiraIssues, integrations), new TestManagementApi(projects, issues, suites));
    }

    List<ApiModule> apiModules() {
        return apiModules;
    }

    CallbackRoutes callbackRoutes() {
        return new CallbackRoutes(flows, sessions, cookie);
    }

    /** Background work; periodic jobs claim their period in PostgreSQL, so each runs once per period across nodes. */
    void scheduleBackgroundJobs() {
        InstanceChecker.schedule(vertx, jobs, integrations, config.instanceCheckInterval());
        every(Duration.ofMinutes(30), "token-keepalive", Duration.ofHours(6), keepAlive::runOnce);
        if (!config.historyRetention().isZero()) {
            every(Duration.ofMinutes(15), "history-retention", Duration.ofHours(1), () -> history.applyRetention(config.historyRetention()));
        }
        // node-local housekeeping: harmless when several nodes do it
        vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), id -> flows.discardExpired()
                .onFailure(e -> LOG.warn("event=job_failed job=flow-cleanup reason={}", e.getMessage())));
        vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> sessions.purgeExpired()
                .onFailure(e -> LOG.warn("event=job_failed job=session-purge reason={}", e.getMessage())));
    }

    private void every(Duration tick, String job, Duration period, Supplier<Future<Integer>> work) {
        vertx.setPeriodic(tick.toMillis(), id -> jobs.claim(job, period)
                .compose(claimed -> claimed ? work.get() : Future.succeededFuture(0))
                .onFailure(e -> LOG.warn("event=job_failed job={} reason={}", job, e.getMessage())));
    }
}
