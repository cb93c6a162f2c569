package io.testbridge.jirasim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Start-up configuration of a {@link JiraSimulator}. Defaults follow Atlassian's documented values
 * (see the module README); everything registered here can also be added later through the control API.
 */
public final class SimulatorOptions {

    private String host = "127.0.0.1";
    private int port = 0;
    private SimClock clock = SimClock.system();
    private Duration cloudAuthorizationCodeLifetime = Duration.ofMinutes(10);
    private Duration dcAuthorizationCodeLifetime = Duration.ofSeconds(10);
    private Duration cloudAccessTokenLifetime = Duration.ofHours(1);
    private Duration dcAccessTokenLifetime = Duration.ofHours(1);
    private Duration refreshReuseLeeway = Duration.ofMinutes(10);
    private Duration cloudRefreshInactivityExpiry = Duration.ofDays(90);
    private Duration cloudRefreshAbsoluteExpiry = Duration.ofDays(365);
    private Duration dcRefreshTokenLifetime = Duration.ofDays(90);
    private ScopeMismatchAnswer cloudScopeMismatch = ScopeMismatchAnswer.GATEWAY_401;
    private boolean seedSampleData = true;
    private final List<SimUser> users = new ArrayList<>();
    private final List<CloudSite> sites = new ArrayList<>();
    private final List<DcInstance> dcInstances = new ArrayList<>();
    private final List<OAuthClientRegistration> clients = new ArrayList<>();

    /** The demo set-up printed by scripts/jira-sim; see {@link DemoSetup}. */
    public static SimulatorOptions demo(List<String> redirectUris) {
        return DemoSetup.apply(new SimulatorOptions(), redirectUris);
    }

    public SimulatorOptions host(String value) {
        this.host = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorOptions port(int value) {
        this.port = value;
        return this;
    }

    public SimulatorOptions clock(SimClock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    public SimulatorOptions cloudAuthorizationCodeLifetime(Duration value) {
        this.cloudAuthorizationCodeLifetime = value;
        return this;
    }

    /** Jira's atlassian.oauth2.provider.max.client.delay.seconds: 10 s by default, at most 600. */
    public SimulatorOptions dcAuthorizationCodeLifetime(Duration value) {
        if (value.compareTo(Duration.ofSeconds(600)) > 0) {
            throw new IllegalArgumentException("Jira caps the authorization code lifetime at 600 s");
        }
        this.dcAuthorizationCodeLifetime = value;
        return this;
    }

    public SimulatorOptions cloudAccessTokenLifetime(Duration value) {
        this.cloudAccessTokenLifetime = value;
        return this;
    }

    public SimulatorOptions dcAccessTokenLifetime(Duration value) {
        this.dcAccessTokenLifetime = value;
        return this;
    }

    public SimulatorOptions refreshReuseLeeway(Duration value) {
        this.refreshReuseLeeway = value;
        return this;
    }

    public SimulatorOptions cloudRefreshInactivityExpiry(Duration value) {
        this.cloudRefreshInactivityExpiry = value;
        return this;
    }

    public SimulatorOptions cloudRefreshAbsoluteExpiry(Duration value) {
        this.cloudRefreshAbsoluteExpiry = value;
        return this;
    }

    public SimulatorOptions dcRefreshTokenLifetime(Duration value) {
        this.dcRefreshTokenLifetime = value;
        return this;
    }

    public SimulatorOptions cloudScopeMismatch(ScopeMismatchAnswer value) {
        this.cloudScopeMismatch = value;
        return this;
    }

    /** Whether every site and instance starts with the sample projects TB and OPS and their issues. */
    public SimulatorOptions seedSampleData(boolean value) {
        this.seedSampleData = value;
        return this;
    }

    public SimulatorOptions addUser(SimUser user) {
        users.add(user);
        return this;
    }

    public SimulatorOptions addSite(CloudSite site) {
        sites.add(site);
        return this;
    }

    public SimulatorOptions addDcInstance(DcInstance instance) {
        dcInstances.add(instance);
        return this;
    }

    public SimulatorOptions addClient(OAuthClientRegistration client) {
        clients.add(client);
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SimClock clock() {
        return clock;
    }

    public Duration cloudAuthorizationCodeLifetime() {
        return cloudAuthorizationCodeLifetime;
    }

    public Duration dcAuthorizationCodeLifetime() {
        return dcAuthorizationCodeLifetime;
    }

    public ScopeMismatchAnswer cloudScopeMismatch() {
        return cloudScopeMismatch;
    }

    public boolean seedSampleData() {
        return seedSampleData;
    }

    public List<SimUser> users() {
        return List.copyOf(users);
    }

    public List<CloudSite> sites() {
        return List.copyOf(sites);
    }

    public List<DcInstance> dcInstances() {
        return List.copyOf(dcInstances);
    }

    public List<OAuthClientRegistration> clients() {
        return List.copyOf(clients);
    }

    /** Atlassian Cloud (Auth0): rotating refresh tokens with leeway, family revocation, 90/365 days. */
    RefreshPolicy cloudRefreshPolicy() {
        return new RefreshPolicy(refreshReuseLeeway, true, true, cloudRefreshInactivityExpiry,
                cloudRefreshAbsoluteExpiry, cloudAccessTokenLifetime, true);
    }

    /**
     * Data Center: a refresh issues a new pair and the old refresh token stops working at once
     * (no leeway documented); refresh tokens live atlassian.oauth2.provider.refresh.token.expiration.seconds.
     */
    RefreshPolicy dcRefreshPolicy() {
        return new RefreshPolicy(Duration.ZERO, false, false, dcRefreshTokenLifetime, null, dcAccessTokenLifetime,
                false);
    }
}
