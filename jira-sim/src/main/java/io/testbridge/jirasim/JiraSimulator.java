package io.testbridge.jirasim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running Jira simulator: Atlassian Cloud (auth.atlassian.com, api.atlassian.com, sites) and
 * Jira Data Center instances on one HTTP port, told apart by path prefix (see the README), plus a
 * control API for tests. Start it with {@link #start(Vertx, SimulatorOptions)}.
 */
public final class JiraSimulator {

    private final SimContext sim;
    private volatile HttpServer server;

    private JiraSimulator(SimContext sim) {
        this.sim = sim;
    }

    public static Future<JiraSimulator> start(Vertx vertx, SimulatorOptions options) {
        SimContext sim = new SimContext(options);
        JiraSimulator simulator = new JiraSimulator(sim);
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog(sim.counters)::handle);
        router.route().handler(sim.faults::handle);
        new CloudAuthorizeEndpoint(sim).mount(router);
        new CloudTokenEndpoint(sim).mount(router);
        new CloudGateway(sim).mount(router);
        new CloudSites(sim).mount(router);
        new DcAuthorizeEndpoint(sim).mount(router);
        new DcTokenEndpoint(sim).mount(router);
        new DcApi(sim).mount(router);
        new ControlApi(simulator).mount(router);
        router.route().failureHandler(AccessLog::failure);
        HttpServerOptions serverOptions = new HttpServerOptions().setHost(options.host()).setPort(options.port());
        return vertx.createHttpServer(serverOptions).requestHandler(router).listen().map(server -> {
            String host = "0.0.0.0".equals(options.host()) ? "127.0.0.1" : options.host();
            sim.urls.baseUrl("http://" + host + ":" + server.actualPort());
            simulator.server = server;
            return simulator;
        });
    }

    public Future<Void> close() {
        return server.close();
    }

    public int port() {
        return server.actualPort();
    }

    /** e.g. http://127.0.0.1:41234 */
    public String baseUrl() {
        return sim.urls.baseUrl();
    }

    /** Stands for https://auth.atlassian.com: {cloudAuthUrl}/authorize and {cloudAuthUrl}/oauth/token. */
    public String cloudAuthUrl() {
        return sim.urls.cloudAuth();
    }

    /** Stands for https://api.atlassian.com. */
    public String cloudApiUrl() {
        return sim.urls.cloudApi();
    }

    /** Stands for https://{name}.atlassian.net. */
    public String siteUrl(String name) {
        return sim.urls.site(name);
    }

    /** The base URL of a Data Center instance. */
    public String dcBaseUrl(String name) {
        return sim.urls.dcBase(name);
    }

    public String controlUrl() {
        return baseUrl() + "/_control";
    }

    public SimClock clock() {
        return sim.clock;
    }

    public Instant advanceClock(Duration by) {
        return sim.clock.advance(by);
    }

    public void addUser(SimUser user) {
        sim.state.addUser(user);
    }

    public void addSite(CloudSite site) {
        sim.state.addSite(site);
    }

    /** Adds an instance, or changes the version an existing one reports. */
    public void putDcInstance(DcInstance instance) {
        sim.state.putDcInstance(instance);
    }

    /** Registers (or replaces) a Cloud app or a Data Center incoming link. */
    public void registerClient(OAuthClientRegistration client) {
        sim.state.putClient(client);
    }

    public List<SimUser> users() {
        return sim.state.users();
    }

    public List<CloudSite> sites() {
        return sim.state.sites();
    }

    public Optional<CloudSite> site(String name) {
        return sim.state.site(name);
    }

    public List<DcInstance> dcInstances() {
        return sim.state.dcInstances();
    }

    public List<OAuthClientRegistration> clients() {
        return sim.state.clients();
    }

    /**
     * Every secret value this simulator knows: client secrets, and each authorization code, access
     * token and refresh token it issued. Tests scan the system under test for them (none may leak).
     */
    public List<String> issuedSecrets() {
        List<String> values = new java.util.ArrayList<>(sim.tokens.issuedValues());
        sim.state.clients().forEach(client -> values.add(client.clientSecret()));
        return values;
    }

    /**
     * Makes Cloud search lag behind creation: an issue is found by /search/jql only {@code lag} after
     * it was created (simulated time); get-by-key sees it at once, as in Jira Cloud.
     */
    public void searchLag(Duration lag) {
        sim.searchLag = lag.isNegative() ? Duration.ZERO : lag;
    }

    public FaultInjector faults() {
        return sim.faults;
    }

    public CallCounters counters() {
        return sim.counters;
    }

    /** Clears the per-endpoint counters and every family's refresh counter. */
    public void resetCounters() {
        sim.counters.reset();
        sim.tokens.resetRefreshCounters();
    }

    public List<TokenFamilyView> tokenFamilies() {
        return sim.tokens.families();
    }

    /** The family an access or refresh token belongs to. */
    public Optional<TokenFamilyView> tokenFamilyOf(String token) {
        return sim.tokens.familyOfToken(token);
    }

    /** Refresh requests received for one family (including refused ones). */
    public int refreshCalls(String familyId) {
        return tokenFamilies().stream().filter(f -> f.id().equals(familyId)).mapToInt(TokenFamilyView::refreshCalls)
                .findFirst().orElse(0);
    }

    /** What a user revoking the app does: every token of their families stops working. */
    public int revokeUserTokens(String userIdOrName, String clientIdOrNull) {
        return sim.tokens.revokeUser(userIdOrName, clientIdOrNull);
    }

    public boolean revokeTokenFamily(String familyId) {
        return sim.tokens.revokeFamily(familyId, "revoked through the control API");
    }

    /**
     * Adds a project (no components, the next free id) to a Cloud site; {@code browseOnlyUsernames}
     * may see it but neither create issues in it nor be assigned. For paging tests: add many.
     */
    public void addSiteProject(String siteName, String key, String name, Set<String> browseOnlyUsernames) {
        addProject(sim.state.siteData(siteName), key, name, browseOnlyUsernames);
    }

    /** The same for a Data Center instance. */
    public void addDcProject(String instance, String key, String name, Set<String> browseOnlyUsernames) {
        addProject(sim.state.dcData(instance), key, name, browseOnlyUsernames);
    }

    private static void addProject(JiraData data, String key, String name, Set<String> browseOnlyUsernames) {
        if (data == null) {
            throw new IllegalArgumentException("no such site or instance");
        }
        data.newProject(key, name, JiraProject.BrowseOnly.users(browseOnlyUsernames));
    }

    public boolean deleteSiteIssue(String siteName, String issueKey) {
        JiraData data = sim.state.siteData(siteName);
        return data != null && data.deleteIssue(issueKey);
    }

    /**
     * An issue of a Cloud site as a test looks at it: key, summary, the description as plain text (an
     * ADF description is flattened), whether it was written as ADF, and its remote links. Empty when
     * there is no such issue.
     */
    public Optional<io.vertx.core.json.JsonObject> siteIssue(String siteName, String issueKey) {
        return ControlViews.issue(sim.state.siteData(siteName), issueKey);
    }

    /** The keys of a Cloud site's issues with this summary, whatever the search lag: how a test counts duplicates. */
    public List<String> siteIssueKeysWithSummary(String siteName, String summary) {
        JiraData data = sim.state.siteData(siteName);
        return data == null ? List.of() : data.liveIssues().stream().filter(issue -> issue.summary.equals(summary)).map(issue -> issue.key).toList();
    }

    /** The same for an issue of a Data Center instance. */
    public Optional<io.vertx.core.json.JsonObject> dcIssue(String instance, String issueKey) {
        return ControlViews.issue(sim.state.dcData(instance), issueKey);
    }

    /**
     * Works on an issue of a Cloud site as a person in Jira would: moves it to a status ("To Do", "In
     * Progress", "Done"; null keeps it) and assigns it to a user (a username or account id; "" for
     * nobody; null keeps the assignee). False when there is no such issue.
     */
    public boolean workOnSiteIssue(String siteName, String issueKey, String status, String assignee) {
        return workOn(sim.state.siteData(siteName), issueKey, status, assignee);
    }

    /** The same for an issue of a Data Center instance. */
    public boolean workOnDcIssue(String instance, String issueKey, String status, String assignee) {
        return workOn(sim.state.dcData(instance), issueKey, status, assignee);
    }

    private boolean workOn(JiraData data, String issueKey, String status, String assignee) {
        FieldCatalog.Status moved = status == null ? null : java.util.Arrays.stream(FieldCatalog.Status.values())
                .filter(s -> s.label.equalsIgnoreCase(status)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no status " + status + " (To Do, In Progress, Done)"));
        String accountId = null;
        if (assignee != null && !assignee.isEmpty()) {
            accountId = sim.state.findUser(assignee).orElseThrow(() -> new IllegalArgumentException("no user " + assignee)).accountId();
        }
        return data != null && data.workOn(issueKey, moved, accountId, assignee != null);
    }

    public boolean deleteDcIssue(String instance, String issueKey) {
        JiraData data = sim.state.dcData(instance);
        return data != null && data.deleteIssue(issueKey);
    }
}
