package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything registered with the simulator: users, sites, instances, clients and their Jira data. */
final class SimulatorState {

    private final SimulatorOptions options;
    private final List<SimUser> users = new CopyOnWriteArrayList<>();
    private final Map<String, CloudSite> sitesByName = new ConcurrentHashMap<>();
    private final List<String> siteOrder = new CopyOnWriteArrayList<>();
    private final Map<String, DcInstance> instances = new ConcurrentHashMap<>();
    private final Map<String, OAuthClientRegistration> clients = new ConcurrentHashMap<>();
    private final Map<String, JiraData> jiraByTenant = new ConcurrentHashMap<>();

    SimulatorState(SimulatorOptions options) {
        this.options = options;
        options.users().forEach(this::addUser);
        options.sites().forEach(this::addSite);
        options.dcInstances().forEach(this::putDcInstance);
        options.clients().forEach(this::putClient);
    }

    void addUser(SimUser user) {
        if (findUser(user.accountId()).isPresent() || findUser(user.username()).isPresent()) {
            throw new IllegalArgumentException("user already exists: " + user.username());
        }
        users.add(user);
    }

    List<SimUser> users() {
        return List.copyOf(users);
    }

    Optional<SimUser> findUser(String idOrName) {
        return users.stream().filter(u -> u.isKnownAs(idOrName)).findFirst();
    }

    void addSite(CloudSite site) {
        if (sitesByName.putIfAbsent(site.name(), site) != null) {
            throw new IllegalArgumentException("site already exists: " + site.name());
        }
        siteOrder.add(site.name());
        jiraByTenant.put(siteTenant(site.name()), newJiraData());
    }

    /** Sites in registration order, as the consent page lists them. */
    List<CloudSite> sites() {
        List<CloudSite> result = new ArrayList<>();
        siteOrder.forEach(name -> result.add(sitesByName.get(name)));
        return result;
    }

    Optional<CloudSite> site(String name) {
        return Optional.ofNullable(name == null ? null : sitesByName.get(name));
    }

    Optional<CloudSite> siteByCloudId(String cloudId) {
        return sitesByName.values().stream().filter(s -> s.cloudId().equals(cloudId)).findFirst();
    }

    /** Adds an instance or changes its version (an upgrade keeps its data). */
    void putDcInstance(DcInstance instance) {
        instances.put(instance.name(), instance);
        jiraByTenant.computeIfAbsent(dcTenant(instance.name()), k -> newJiraData());
    }

    Optional<DcInstance> dcInstance(String name) {
        return Optional.ofNullable(name == null ? null : instances.get(name));
    }

    List<DcInstance> dcInstances() {
        return instances.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    void putClient(OAuthClientRegistration client) {
        if (!client.isCloud() && !instances.containsKey(client.dcInstance())) {
            throw new IllegalArgumentException("unknown Data Center instance: " + client.dcInstance());
        }
        if (!client.isCloud() && instances.get(client.dcInstance()).enforcesHttps()
                && client.redirectUris().stream().anyMatch(uri -> !uri.toLowerCase(java.util.Locale.ROOT).startsWith("https://"))) {
            // what Jira's "Create link" form says for an http:// Redirect URL
            throw new IllegalArgumentException("The redirect URL must use HTTPS (atlassian.oauth2.provider.skip.redirect.url.https.requirement is false).");
        }
        clients.put(clientKey(client.dcInstance(), client.clientId()), client);
    }

    Optional<OAuthClientRegistration> cloudClient(String clientId) {
        return Optional.ofNullable(clientId == null ? null : clients.get(clientKey(null, clientId)));
    }

    Optional<OAuthClientRegistration> dcClient(String instance, String clientId) {
        return Optional.ofNullable(clientId == null ? null : clients.get(clientKey(instance, clientId)));
    }

    List<OAuthClientRegistration> clients() {
        return List.copyOf(clients.values());
    }

    JiraData siteData(String siteName) {
        return jiraByTenant.get(siteTenant(siteName));
    }

    JiraData dcData(String instance) {
        return jiraByTenant.get(dcTenant(instance));
    }

    private JiraData newJiraData() {
        JiraData data = new JiraData();
        if (options.seedSampleData()) {
            SampleData.seed(data, options.clock().now(), users());
        }
        return data;
    }

    private static String siteTenant(String name) {
        return "site:" + name;
    }

    private static String dcTenant(String name) {
        return "dc:" + name;
    }

    private static String clientKey(String dcInstance, String clientId) {
        return (dcInstance == null ? "cloud" : "dc:" + dcInstance) + "|" + clientId;
    }
}
