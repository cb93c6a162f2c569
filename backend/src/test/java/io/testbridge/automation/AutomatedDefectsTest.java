package io.testbridge.automation;

import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.JiraConsent;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed automated result raises a defect in Jira (the Jira simulator) from a draft quoting the
 * failure, and a test that keeps failing keeps that defect on every later import: carried to the
 * new attempt as a known defect, offered by the next draft instead of a duplicate, until it is
 * fixed or closed in Jira.
 */
class AutomatedDefectsTest {
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient tester;
    private static long cloud;
    private static long project;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        app = RunningApp.start(TestDatabase.freshDatabase(), Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl()));
        simulator.jira().registerClient(OAuthClientRegistration.cloud("auto-cloud", "auto-cloud-secret", "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        ApiClient admin = Fixtures.adminClient(app);
        cloud = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        assertThat(new OAuthDriver(admin).connect(cloud, "auto-cloud", "auto-cloud-secret", "alice", "acme").status()).isEqualTo(200);
        project = admin.post("/api/projects", new JsonObject().put("key", "AUTO").put("name", "Automated").put("defaultInstanceId", cloud)
                .put("defaultJiraProject", "TB")).json().getLong("id");
        Fixtures.createUser(admin, "tess", "tess password 12", "Tester");
        tester = app.client();
        tester.login("tess", "tess password 12");
        String link = tester.post("/api/me/jira-connections/" + cloud + "/flows", new JsonObject()).json().getString("authorizationUrl");
        String code = OAuthDriver.verificationCodeOn(tester.open(new JiraConsent().decide(link, "bob", "acme", JiraConsent.Decision.ACCEPT)));
        assertThat(tester.post("/api/me/jira-connections/" + cloud + "/verification", new JsonObject().put("verificationCode", code)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
        simulator.close();
    }

    /** Imports one build's results into a new cycle; answers the import and the attempt of com.example.Pay#card. */
    private static JsonObject[] build(int number, String card) {
        String report = ResultImportTest.junit("com.example.Pay", Map.of("card", card, "voucher", "pass"));
        ApiClient.Response imported = ResultFiles.upload(tester, project, "cycleName=Build%20" + number + "&build=" + number, report, "application/xml");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long cycleId = imported.json().getJsonObject("cycle").getLong("id");
        JsonObject result = ResultFiles.cycleResults(tester, cycleId).get("com.example.Pay#card");
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/executions/" + result.getLong("executionId")).json();
        return new JsonObject[] {imported.json(), attempt};
    }

    private static JsonObject draft(JsonObject attempt) {
        ApiClient.Response draft = tester.get("/api/cycles/" + attempt.getLong("cycleId") + "/executions/" + attempt.getLong("id") + "/defect-draft");
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        return draft.json();
    }

    /** Imports com.example.Matrix#onlyOnWindows (and #everywhere, passing) of one build on one environment into a new cycle; answers its attempt. */
    private static JsonObject matrix(int number, String environment, String result) {
        String report = ResultImportTest.junit("com.example.Matrix", Map.of("onlyOnWindows", result, "everywhere", "pass"));
        ApiClient.Response imported = ResultFiles.upload(tester, project, "cycleName=Matrix%20" + number + "%20" + environment + "&build=" + number
                + "&environment=" + environment, report, "application/xml");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long cycleId = imported.json().getJsonObject("cycle").getLong("id");
        JsonObject row = ResultFiles.cycleResults(tester, cycleId).get("com.example.Matrix#onlyOnWindows");
        return tester.get("/api/cycles/" + cycleId + "/executions/" + row.getLong("executionId")).json();
    }

    @Test
    void a_matrix_build_compares_each_environment_with_its_own_previous_run_and_carries_its_defects() {
        JsonObject linux1 = matrix(1, "linux", "pass");
        JsonObject windows1 = matrix(1, "windows", "fail");
        assertThat(windows1.getJsonObject("automated").getString("trend")).isEqualTo("NEW_FAILURE");
        ApiClient.Response issue = tester.post("/api/projects/" + project + "/issues", new JsonObject().put("instanceId", cloud).put("jiraProject", "TB")
                .put("issueTypeId", "10001").put("summary", "Fails on Windows").put("description", "only there"));
        assertThat(issue.status()).as(issue.body()).isEqualTo(201);
        String key = issue.json().getString("jiraKey");
        assertThat(tester.post("/api/cycles/" + windows1.getLong("cycleId") + "/executions/" + windows1.getLong("id") + "/defects",
                new JsonObject().put("instanceId", cloud).put("key", key)).status()).isEqualTo(201);

        JsonObject linux2 = matrix(2, "linux", "pass");
        assertThat(linux2.getJsonObject("automated").getString("trend")).as("Linux after Linux: no FIXED").isNull();
        assertThat(linux2.getJsonObject("automated").getLong("previousExecutionId")).isEqualTo(linux1.getLong("id"));
        JsonObject windows2 = matrix(2, "windows", "fail");
        assertThat(windows2.getJsonObject("automated").getString("trend")).isEqualTo("STILL_FAILING");
        assertThat(windows2.getJsonObject("automated").getLong("previousExecutionId")).isEqualTo(windows1.getLong("id"));
        assertThat(windows2.getJsonArray("defects")).hasSize(1);
        assertThat(windows2.getJsonArray("defects").getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(windows2.getJsonArray("defects").getJsonObject(0).getBoolean("known")).isTrue();
    }

    @Test
    void a_test_that_keeps_failing_keeps_its_defect_on_every_import_until_it_passes_or_the_defect_is_closed() {
        JsonObject first = build(1, "fail")[1];
        JsonObject draft = draft(first);
        assertThat(draft.getString("summary")).isEqualTo("[" + first.getString("key") + "] Pay › card – failed");
        assertThat(draft.getString("description")).contains("Build: 1.", "Failure (java.lang.AssertionError):\ncard broke",
                "Stack trace:\njava.lang.AssertionError: card broke\n\tat com.example.Pay.card(T.java:1)", "/cycles/" + first.getLong("cycleId") + "/run?case=");
        assertThat(draft.getJsonArray("knownDefects")).isEmpty();

        // raised in Jira through the Issue module, and linked to the failed attempt (no step: an automated case has none)
        ApiClient.Response issue = tester.post("/api/projects/" + project + "/issues", new JsonObject().put("instanceId", cloud).put("jiraProject", "TB")
                .put("issueTypeId", "10001").put("summary", draft.getString("summary")).put("description", draft.getString("description")));
        assertThat(issue.status()).as(issue.body()).isEqualTo(201);
        String key = issue.json().getString("jiraKey");
        ApiClient.Response linked = tester.post("/api/cycles/" + first.getLong("cycleId") + "/executions/" + first.getLong("id") + "/defects",
                new JsonObject().put("instanceId", cloud).put("key", key));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(simulator.jira().siteIssue("acme", key).orElseThrow().getString("description")).contains("card broke");

        // build 2 fails the same way: the defect comes along, known, and the draft offers it instead of a new one
        JsonObject[] second = build(2, "fail");
        assertThat(second[0].getInteger("knownDefectsCarried")).isEqualTo(1);
        assertThat(second[1].getJsonObject("automated").getString("trend")).isEqualTo("STILL_FAILING");
        assertThat(second[1].getJsonObject("automated").getLong("previousExecutionId")).isEqualTo(first.getLong("id"));
        JsonArray defects = second[1].getJsonArray("defects");
        assertThat(defects).hasSize(1);
        assertThat(defects.getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(defects.getJsonObject(0).getBoolean("known")).isTrue();
        assertThat(defects.getJsonObject(0).getLong("carriedFrom")).isEqualTo(linked.json().getLong("id"));
        assertThat(defects.getJsonObject(0).getString("status")).as("with its live Jira status").isEqualTo("To Do");
        JsonArray known = draft(second[1]).getJsonArray("knownDefects");
        assertThat(known).hasSize(1);
        assertThat(known.getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(known.getJsonObject(0).getString("url")).contains(key);

        // build 3 still fails: carried again, from build 2's attempt
        JsonObject[] third = build(3, "fail");
        assertThat(third[1].getJsonArray("defects").getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(tester.get("/api/cycles/" + third[1].getLong("cycleId") + "/defects").json().getJsonArray("items")).hasSize(1);

        // build 4 passes: fixed, nothing carried; build 5 fails anew: a new failure, the old defect is not assumed
        JsonObject[] fourth = build(4, "pass");
        assertThat(fourth[0].getInteger("knownDefectsCarried")).isZero();
        assertThat(fourth[1].getJsonObject("automated").getString("trend")).isEqualTo("FIXED");
        assertThat(fourth[1].getJsonArray("defects")).isEmpty();
        JsonObject[] fifth = build(5, "fail");
        assertThat(fifth[1].getJsonObject("automated").getString("trend")).isEqualTo("NEW_FAILURE");
        assertThat(fifth[1].getJsonArray("defects")).isEmpty();

        // a defect closed in Jira is not carried to the next failure
        ApiClient.Response relinked = tester.post("/api/cycles/" + fifth[1].getLong("cycleId") + "/executions/" + fifth[1].getLong("id") + "/defects",
                new JsonObject().put("instanceId", cloud).put("key", key));
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(201);
        assertThat(simulator.jira().workOnSiteIssue("acme", key, "Done", "bob")).isTrue();
        app.clock().advance(java.time.Duration.ofSeconds(61));
        assertThat(tester.get("/api/cycles/" + fifth[1].getLong("cycleId") + "/executions/" + fifth[1].getLong("id")).json()
                .getJsonArray("defects").getJsonObject(0).getString("status")).isEqualTo("Done");
        JsonObject[] sixth = build(6, "fail");
        assertThat(sixth[1].getJsonObject("automated").getString("trend")).isEqualTo("STILL_FAILING");
        assertThat(sixth[0].getInteger("knownDefectsCarried")).isZero();
        assertThat(draft(sixth[1]).getJsonArray("knownDefects")).as("a closed defect is not offered").isEmpty();
    }
}
