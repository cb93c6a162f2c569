package io.testbridge.cycles;

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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Test cycles through the API: planning, running step by step, attempts, pinned versions, defects in Jira, evidence. */
class CyclesTest {
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient admin;
    private static ApiClient tester;
    private static long cloud;
    private static long project;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
        app = RunningApp.start(TestDatabase.freshDatabase(), Map.of(
                "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                "TESTBRIDGE_ATLASSIAN_API_URL", simulator.jira().cloudApiUrl(),
                "TESTBRIDGE_ATTACHMENT_MAX_MB", "1"));
        simulator.jira().registerClient(OAuthClientRegistration.cloud("cycle-cloud", "cycle-cloud-secret", "Testbridge",
                List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
        admin = Fixtures.adminClient(app);
        cloud = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                .put("deployment", "CLOUD")).json().getLong("id");
        assertThat(new OAuthDriver(admin).connect(cloud, "cycle-cloud", "cycle-cloud-secret", "alice", "acme").status()).isEqualTo(200);
        project = admin.post("/api/projects", new JsonObject().put("key", "RUN").put("name", "Runs").put("defaultInstanceId", cloud)
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

    static JsonObject newCase(ApiClient client, long projectId, String title, String... steps) {
        JsonArray stepJson = new JsonArray();
        for (String step : steps) {
            stepJson.add(new JsonObject().put("id", UUID.randomUUID().toString()).put("action", step).put("data", "").put("expected", step + " works"));
        }
        ApiClient.Response created = client.post("/api/projects/" + projectId + "/cases", new JsonObject().put("title", title)
                .put("precondition", "Logged in").put("steps", stepJson));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static long cycle(ApiClient client, long projectId, String name) {
        ApiClient.Response created = client.post("/api/projects/" + projectId + "/cycles", new JsonObject().put("name", name)
                .put("build", "1.4.2").put("environment", "staging").put("plannedStart", "2026-12-01").put("plannedEnd", "2026-12-05"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    private static JsonObject record(ApiClient client, long cycleId, JsonObject attempt, int step, String status, String actual) {
        String stepId = attempt.getJsonArray("steps").getJsonObject(step).getString("id");
        ApiClient.Response recorded = client.put("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/steps/" + stepId,
                new JsonObject().put("status", status).put("actual", actual));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        return recorded.json();
    }

    @Test
    void a_cycle_from_a_suite_runs_each_case_step_by_step_and_its_status_follows_the_steps() {
        JsonObject login = newCase(admin, project, "Log in", "Open", "Type", "Submit");
        JsonObject logout = newCase(admin, project, "Log out", "Click out");
        long suite = admin.post("/api/projects/" + project + "/suites", new JsonObject().put("name", "Smoke")).json().getLong("id");
        admin.post("/api/suites/" + suite + "/members", new JsonObject().put("caseIds", new JsonArray().add(logout.getLong("id")).add(login.getLong("id"))));
        long cycleId = cycle(admin, project, "Sprint 1");
        assertThat(admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("suiteId", suite)).json().getInteger("added")).isEqualTo(2);
        assertThat(admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(login.getLong("id"))))
                .json().getInteger("added")).as("a case is in a cycle once").isZero();

        JsonObject cases = admin.get("/api/cycles/" + cycleId + "/cases").json();
        JsonArray items = cases.getJsonArray("items");
        assertThat(items.stream().map(c -> ((JsonObject) c).getString("title")).toList()).as("the suite's order").containsExactly("Log out", "Log in");
        long loginInCycle = items.getJsonObject(1).getLong("id");
        long tessId = admin.get("/api/people").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("username").equals("tess")).findFirst().orElseThrow().getLong("id");
        admin.patch("/api/cycles/" + cycleId + "/cases", new JsonObject().put("cycleCaseIds", new JsonArray().add(loginInCycle)).put("assigneeId", tessId));
        assertThat(admin.get("/api/cycles/" + cycleId + "/cases?assigneeId=" + tessId).json().getJsonArray("items")).hasSize(1);
        assertThat(admin.get("/api/cycles/" + cycleId + "/cases?assigneeId=0").json().getJsonArray("items")).hasSize(1);

        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/cases/" + loginInCycle + "/execution").json();
        assertThat(attempt.getString("status")).isEqualTo("NOT_RUN");
        assertThat(attempt.getJsonArray("steps")).hasSize(3);
        assertThat(record(tester, cycleId, attempt, 0, "PASS", "").getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(record(tester, cycleId, attempt, 1, "NA", "").getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(record(tester, cycleId, attempt, 2, "PASS", "").getString("status")).isEqualTo("PASS");
        JsonObject failed = record(tester, cycleId, attempt, 1, "FAIL", "Nothing happens");
        assertThat(failed.getString("status")).isEqualTo("FAIL");
        assertThat(failed.getString("finishedAt")).isNotNull();
        JsonObject byHand = tester.put("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/status",
                new JsonObject().put("status", "BLOCKED")).json();
        assertThat(byHand.getString("status")).isEqualTo("BLOCKED");
        assertThat(byHand.getString("derivedStatus")).isEqualTo("FAIL");
        assertThat(record(tester, cycleId, attempt, 0, "PASS", "").getString("status")).as("set by hand, it stays").isEqualTo("BLOCKED");
        assertThat(tester.put("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/status", new JsonObject().putNull("status"))
                .json().getString("status")).isEqualTo("FAIL");

        JsonObject progress = admin.get("/api/cycles/" + cycleId).json().getJsonObject("progress");
        assertThat(progress.getLong("FAIL")).isEqualTo(1);
        assertThat(progress.getLong("NOT_RUN")).isEqualTo(1);
        assertThat(progress.getLong("total")).isEqualTo(2);

        // a re-run is a new attempt; the first keeps its results
        JsonObject second = tester.post("/api/cycles/" + cycleId + "/cases/" + loginInCycle + "/attempts", new JsonObject()).json();
        assertThat(second.getInteger("attempt")).isEqualTo(2);
        assertThat(second.getString("status")).isEqualTo("NOT_RUN");
        assertThat(second.getJsonArray("attempts").size()).isEqualTo(2);
        JsonObject first = tester.get("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id")).json();
        assertThat(first.getString("status")).isEqualTo("FAIL");
        assertThat(first.getJsonArray("steps").getJsonObject(1).getString("actual")).isEqualTo("Nothing happens");
        assertThat(first.getBoolean("latest")).isFalse();
        String stepId = first.getJsonArray("steps").getJsonObject(0).getString("id");
        assertThat(tester.put("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/steps/" + stepId,
                new JsonObject().put("status", "PASS")).status()).as("results go to the latest attempt").isEqualTo(409);
        assertThat(admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items").getJsonObject(1).getString("status"))
                .isEqualTo("NOT_RUN");
    }

    @Test
    void an_attempt_runs_the_version_the_case_had_when_added_until_the_newer_one_is_pulled_in() {
        JsonObject pay = newCase(admin, project, "Pay", "Add to cart", "Pay");
        long cycleId = cycle(admin, project, "Pinned");
        admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(pay.getLong("id"))));
        long inCycle = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        record(tester, cycleId, attempt, 0, "PASS", "");

        // the case changes after it ran, in the same editing session that created it even: its pinned version stays as it was
        JsonObject edit = new JsonObject().put("title", "Pay with a card").put("revision", pay.getLong("revision")).put("editSession", UUID.randomUUID().toString())
                .put("steps", new JsonArray().add(pay.getJsonArray("steps").getJsonObject(0)).add(new JsonObject().put("id", UUID.randomUUID().toString())
                        .put("action", "Enter the card").put("data", "4111").put("expected", "Accepted")));
        ApiClient.Response saved = admin.put("/api/cases/" + pay.getLong("id"), edit);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().getInteger("version")).isEqualTo(2);
        JsonObject still = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        assertThat(still.getInteger("version")).isEqualTo(1);
        assertThat(still.getInteger("latestVersion")).isEqualTo(2);
        assertThat(still.getString("title")).isEqualTo("Pay");
        assertThat(still.getJsonArray("steps").getJsonObject(1).getString("action")).isEqualTo("Pay");

        JsonObject pulled = tester.post("/api/cycles/" + cycleId + "/cases/" + inCycle + "/latest-version", new JsonObject()).json();
        assertThat(pulled.getInteger("version")).isEqualTo(2);
        assertThat(pulled.getInteger("attempt")).as("results were recorded, so a new attempt runs it").isEqualTo(2);
        assertThat(pulled.getJsonArray("steps").getJsonObject(1).getString("action")).isEqualTo("Enter the card");
        assertThat(tester.get("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id")).json().getInteger("version")).isEqualTo(1);
    }

    @Test
    void a_draft_for_a_failed_step_offers_no_known_defects_even_when_another_step_has_one() {
        JsonObject signup = newCase(admin, project, "Sign up", "Open", "Fill the form", "Accept", "Confirm", "Log in");
        long cycleId = cycle(admin, project, "Step defects");
        admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(signup.getLong("id"))));
        long inCycle = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        record(tester, cycleId, attempt, 1, "FAIL", "The form is blank");
        String stepTwo = attempt.getJsonArray("steps").getJsonObject(1).getString("id");
        ApiClient.Response issue = tester.post("/api/projects/" + project + "/issues", new JsonObject().put("instanceId", cloud).put("jiraProject", "TB")
                .put("issueTypeId", "10001").put("summary", "Blank form").put("description", "step 2"));
        assertThat(issue.status()).as(issue.body()).isEqualTo(201);
        assertThat(tester.post("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/defects", new JsonObject().put("instanceId", cloud)
                .put("key", issue.json().getString("jiraKey")).put("stepId", stepTwo)).status()).isEqualTo(201);

        record(tester, cycleId, attempt, 4, "FAIL", "Cannot log in");
        String stepFive = attempt.getJsonArray("steps").getJsonObject(4).getString("id");
        ApiClient.Response draft = tester.get("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/defect-draft?stepId=" + stepFive);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.json().getString("summary")).endsWith("step 5 failed");
        assertThat(draft.json().getJsonArray("knownDefects")).as("step 2's defect is not step 5's").isEmpty();
    }

    @Test
    void a_defect_raised_from_a_failed_step_is_written_from_the_run_and_jira_links_back_to_it() {
        JsonObject checkout = newCase(admin, project, "Checkout", "Open the cart", "Enter the address", "Pay");
        long cycleId = cycle(admin, project, "With defects");
        admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(checkout.getLong("id"))));
        long inCycle = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        record(tester, cycleId, attempt, 0, "PASS", "");
        record(tester, cycleId, attempt, 1, "PASS", "");
        record(tester, cycleId, attempt, 2, "FAIL", "The payment page shows error 500");
        String failedStep = attempt.getJsonArray("steps").getJsonObject(2).getString("id");

        JsonObject draft = tester.get("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/defect-draft?stepId=" + failedStep).json();
        assertThat(draft.getString("summary")).isEqualTo("[" + checkout.getString("key") + "] Checkout – step 3 failed");
        assertThat(draft.getString("description")).contains("Build: 1.4.2", "Environment: staging", "Precondition:\nLogged in",
                "1. Open the cart", "2. Enter the address", "3. Pay ← fails here", "Expected result:\nPay works",
                "Actual result:\nThe payment page shows error 500", "/cycles/" + cycleId + "/run?case=" + inCycle);

        // raised through the Issue module, as the tester, then linked to the failed step
        ApiClient.Response issue = tester.post("/api/projects/" + project + "/issues", new JsonObject().put("instanceId", cloud).put("jiraProject", "TB")
                .put("issueTypeId", "10001").put("summary", draft.getString("summary")).put("description", draft.getString("description")));
        assertThat(issue.status()).as(issue.body()).isEqualTo(201);
        String key = issue.json().getString("jiraKey");
        assertThat(key).as(issue.body()).isNotNull();
        ApiClient.Response linked = tester.post("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/defects",
                new JsonObject().put("instanceId", cloud).put("key", key).put("stepId", failedStep));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.json().getBoolean("linkedBack")).isTrue();
        assertThat(linked.json().getString("status")).isEqualTo("To Do");

        JsonObject inJira = simulator.jira().siteIssue("acme", key).orElseThrow();
        assertThat(inJira.getBoolean("descriptionIsAdf")).as("Cloud takes the description as ADF").isTrue();
        assertThat(inJira.getString("description")).contains("3. Pay ← fails here", "The payment page shows error 500");
        JsonArray links = inJira.getJsonArray("remoteLinks");
        assertThat(links).hasSize(1);
        assertThat(links.getJsonObject(0).getString("url")).isEqualTo(app.baseUrl() + "/projects/" + project + "/cycles/" + cycleId + "/run?case=" + inCycle);

        JsonObject run = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        assertThat(run.getJsonArray("defects").getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(run.getJsonArray("defects").getJsonObject(0).getString("stepId")).isEqualTo(failedStep);
        assertThat(admin.get("/api/cycles/" + cycleId + "/defects").json().getJsonArray("items").getJsonObject(0).getString("key")).isEqualTo(key);

        // someone works on it in Jira: the cycle shows it once its status is older than a minute, not before
        assertThat(simulator.jira().workOnSiteIssue("acme", key, "In Progress", "bob")).isTrue();
        assertThat(admin.get("/api/cycles/" + cycleId + "/defects").json().getJsonArray("items").getJsonObject(0).getString("status"))
                .as("read a moment ago: not asked again").isEqualTo("To Do");
        app.clock().advance(java.time.Duration.ofSeconds(61));
        JsonObject live = admin.get("/api/cycles/" + cycleId + "/defects").json().getJsonArray("items").getJsonObject(0);
        assertThat(live.getString("status")).isEqualTo("In Progress");
        assertThat(live.getString("assignee")).isNotBlank().isNotEqualTo("null");
        assertThat(admin.get("/api/cycles/" + cycleId).json().getLong("defects")).isEqualTo(1);
        assertThat(tester.post("/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/defects",
                new JsonObject().put("instanceId", cloud).put("key", "TB-99999")).status()).as("a key Jira does not know").isEqualTo(400);

        // the failed step's evidence goes to the Jira issue once, however many times (and at once) it is asked for
        String stepUploads = "/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id") + "/steps/";
        binary(tester, stepUploads + failedStep + "/attachments?filename=pay.log", "POST /pay -> 500".getBytes());
        binary(tester, stepUploads + attempt.getJsonArray("steps").getJsonObject(0).getString("id") + "/attachments?filename=cart.log", "cart ok".getBytes());
        String evidence = "/api/cycles/" + cycleId + "/defects/" + linked.json().getLong("id") + "/evidence";
        List<CompletableFuture<ApiClient.Response>> atOnce = List.of(CompletableFuture.supplyAsync(() -> tester.post(evidence, new JsonObject())),
                CompletableFuture.supplyAsync(() -> tester.post(evidence, new JsonObject())));
        List<ApiClient.Response> answers = atOnce.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(answers.stream().flatMap(answer -> answer.json().getJsonArray("sent").stream()).toList())
                .as("only the failed step's file, sent by one of the two").containsExactly("pay.log");
        JsonArray inJiraFiles = simulator.jira().siteIssue("acme", key).orElseThrow().getJsonArray("attachments");
        assertThat(inJiraFiles).hasSize(1);
        assertThat(inJiraFiles.getJsonObject(0).getString("filename")).isEqualTo("pay.log");
        assertThat(inJiraFiles.getJsonObject(0).getString("mimeType")).isEqualTo("text/plain");
        assertThat(tester.post(evidence, new JsonObject()).json().getJsonArray("sent")).isEmpty();
        assertThat(admin.get("/api/cycles/" + cycleId + "/defects").json().getJsonArray("items").getJsonObject(0).getLong("evidenceInJira")).isEqualTo(1);
        assertThat(tester.post("/api/cycles/" + cycleId + "/defects/999999/evidence", new JsonObject()).status()).isEqualTo(404);
    }

    @Test
    void evidence_is_kept_sniffed_and_served_as_a_download_and_results_never_land_outside_their_cycle() throws Exception {
        JsonObject upload = newCase(admin, project, "Upload", "Attach");
        long cycleId = cycle(admin, project, "Evidence");
        long otherCycle = cycle(admin, project, "Other");
        admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(upload.getLong("id"))));
        long inCycle = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json();
        String stepId = attempt.getJsonArray("steps").getJsonObject(0).getString("id");
        String base = "/api/cycles/" + cycleId + "/executions/" + attempt.getLong("id");

        ApiClient.Response html = binary(tester, base + "/steps/" + stepId + "/attachments?filename=..%2Fpage.html",
                "<html><script>alert(1)</script></html>".getBytes());
        assertThat(html.status()).as(html.body()).isEqualTo(201);
        assertThat(html.json().getString("filename")).isEqualTo("page.html");
        assertThat(html.json().getString("contentType")).isEqualTo("text/plain; charset=utf-8");
        ApiClient.Response download = tester.get(html.json().getString("url"));
        assertThat(download.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(download.body()).isEqualTo("<html><script>alert(1)</script></html>");

        byte[] png = new byte[2048];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        assertThat(binary(tester, base + "/steps/" + stepId + "/attachments?filename=shot.png", png).json().getString("contentType")).isEqualTo("image/png");
        assertThat(tester.get("/api/cycles/" + cycleId + "/cases/" + inCycle + "/execution").json().getJsonArray("steps").getJsonObject(0)
                .getJsonArray("attachments")).hasSize(2);

        ApiClient.Response tooBig = binary(tester, base + "/steps/" + stepId + "/attachments?filename=big.log", new byte[1024 * 1024 + 1]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().getJsonObject("error").getString("message")).contains("1 MB");

        assertThat(tester.put("/api/cycles/" + otherCycle + "/executions/" + attempt.getLong("id") + "/steps/" + stepId,
                new JsonObject().put("status", "PASS")).status()).as("an attempt of another cycle").isEqualTo(404);
        assertThat(tester.put(base + "/steps/" + UUID.randomUUID(), new JsonObject().put("status", "PASS")).status())
                .as("a step the case does not have").isEqualTo(400);
        assertThat(binary(tester, base + "/steps/" + UUID.randomUUID() + "/attachments?filename=x.txt", "x".getBytes()).status()).isEqualTo(400);
    }

    @Test
    void a_copy_for_the_next_build_takes_the_cases_not_passed_at_their_newest_versions() {
        JsonObject passes = newCase(admin, project, "Passes", "Step");
        JsonObject fails = newCase(admin, project, "Fails", "Step");
        JsonObject untouched = newCase(admin, project, "Untouched", "Step");
        long cycleId = cycle(admin, project, "Build 1");
        admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(passes.getLong("id"))
                .add(fails.getLong("id")).add(untouched.getLong("id"))));
        JsonArray items = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items");
        record(tester, cycleId, tester.get("/api/cycles/" + cycleId + "/cases/" + items.getJsonObject(0).getLong("id") + "/execution").json(), 0, "PASS", "");
        record(tester, cycleId, tester.get("/api/cycles/" + cycleId + "/cases/" + items.getJsonObject(1).getLong("id") + "/execution").json(), 0, "FAIL", "");

        JsonObject copy = admin.post("/api/cycles/" + cycleId + "/copy", new JsonObject().put("name", "Build 2").put("build", "1.4.3")
                .put("cases", "unfinished")).json();
        assertThat(copy.getLong("copiedFrom")).isEqualTo(cycleId);
        ApiClient.Response nameless = admin.post("/api/projects/" + project + "/cycles", new JsonObject().put("build", "2.0"));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.errorField()).isEqualTo("name");
        assertThat(admin.post("/api/projects/" + project + "/cycles", new JsonObject().put("name", "x").put("owner", 1)).errorField())
                .as("a field no cycle has").isEqualTo("owner");
        assertThat(copy.getJsonObject("progress").getLong("total")).isEqualTo(2);
        assertThat(admin.get("/api/cycles/" + copy.getLong("id") + "/cases").json().getJsonArray("items").stream()
                .map(c -> ((JsonObject) c).getString("title")).toList()).containsExactly("Fails", "Untouched");
        assertThat(admin.get("/api/projects/" + project + "/cycles").json().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("Build 2");
        JsonArray listed = admin.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items");
        assertThat(listed.stream().map(c -> ((JsonObject) c).getBoolean("hasResults")).toList()).containsExactly(true, true, false);
        assertThat(admin.post("/api/cycles/" + cycleId + "/cases", new JsonObject().put("caseIds", new JsonArray().add(passes.getLong("id"))
                .add(newCase(admin, project, "Late", "Step").getLong("id")))).json())
                .as("what was added, and what was in the cycle already").isEqualTo(new JsonObject().put("added", 1).put("alreadyInCycle", 1));
        assertThat(admin.delete("/api/cycles/" + cycleId + "/cases/" + items.getJsonObject(0).getLong("id")).status())
                .as("a case with results stays in its cycle").isEqualTo(409);
        assertThat(admin.delete("/api/cycles/" + cycleId + "/cases/" + items.getJsonObject(2).getLong("id")).status()).isEqualTo(204);
    }

    private static ApiClient.Response binary(ApiClient client, String path, byte[] body) {
        return client.postBytes(path, body, "application/octet-stream");
    }
}
