package io.testbridge.testmgmt;

import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the Jira work tests start: the simulator; Testbridge (Jira timeout 2 s) with Acme Cloud and
 * Data Center 9.12 connected by an administrator, apps {@code <prefix>-cloud} and {@code <prefix>-dc};
 * a project on Cloud's TB; and the tester tess, authenticated with both as Jira's bob.
 */
record JiraWork(Simulator simulator, RunningApp app, ApiClient tester, long cloud, long dc, long project) {

    static JiraWork start(String clientPrefix, String projectKey, String projectName) {
        Simulator simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        RunningApp app = RunningApp.start(TestDatabase.freshDatabase(), Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl(),
                "TESTBRIDGE_JIRA_TIMEOUT_SECONDS", "2"));
        String callback = app.baseUrl() + "/oauth/callback";
        String cloudClient = clientPrefix + "-cloud";
        String dcClient = clientPrefix + "-dc";
        simulator.jira().registerClient(OAuthClientRegistration.cloud(cloudClient, cloudClient + "-secret", "Testbridge", List.of(callback),
                Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        simulator.jira().registerClient(OAuthClientRegistration.dataCenter("dc912", dcClient, dcClient + "-secret", "Testbridge", List.of(callback), "WRITE"));
        ApiClient admin = Fixtures.adminClient(app);
        long cloud = instance(admin, "Acme", simulator.jira().siteUrl("acme"), "CLOUD");
        long dc = instance(admin, "DC", simulator.jira().dcBaseUrl("dc912"), "DATA_CENTER");
        OAuthDriver driver = new OAuthDriver(admin);
        assertThat(driver.connect(cloud, cloudClient, cloudClient + "-secret", "alice", "acme").status()).isEqualTo(200);
        assertThat(driver.connect(dc, dcClient, dcClient + "-secret", "alice", null).status()).isEqualTo(200);
        long project = admin.post("/api/projects", new JsonObject().put("key", projectKey).put("name", projectName)
                .put("defaultInstanceId", cloud).put("defaultJiraProject", "TB")).json().getLong("id");
        Fixtures.createUser(admin, "tess", "tess password 12", "Tester");
        ApiClient tester = app.client();
        tester.login("tess", "tess password 12");
        authenticate(tester, cloud, "acme");
        authenticate(tester, dc, null);
        return new JiraWork(simulator, app, tester, cloud, dc, project);
    }

    void stop() {
        app.close();
        simulator.close();
    }

    static long instance(ApiClient admin, String name, String url, String deployment) {
        return admin.post("/api/integrations", new JsonObject().put("name", name).put("baseUrl", url).put("deployment", deployment)).json().getLong("id");
    }

    /** Authenticate with Jira as bob, on {@code site} for Cloud (null for Data Center). */
    static void authenticate(ApiClient tester, long instanceId, String site) {
        String link = tester.post("/api/me/jira-connections/" + instanceId + "/flows", new JsonObject()).json().getString("authorizationUrl");
        String code = OAuthDriver.verificationCodeOn(tester.open(new JiraConsent().decide(link, "bob", site, JiraConsent.Decision.ACCEPT)));
        assertThat(tester.post("/api/me/jira-connections/" + instanceId + "/verification", new JsonObject().put("verificationCode", code)).status())
                .isEqualTo(200);
    }
}
