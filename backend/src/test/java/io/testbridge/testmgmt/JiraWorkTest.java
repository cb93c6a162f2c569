package io.testbridge.testmgmt;

import io.testbridge.jirasim.FaultSpec;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Issue module and Test Suites against simulated Jira Cloud and Data Center, as a tester acting as themself. */
class JiraWorkTest {
    private static JiraWork work;
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient tester;
    private static long cloud;
    private static long dc;
    private static long project;

    @BeforeAll
    static void start() {
        work = JiraWork.start("work", "QA", "Quality");
        simulator = work.simulator();
        app = work.app();
        tester = work.tester();
        cloud = work.cloud();
        dc = work.dc();
        project = work.project();
    }

    @AfterAll
    static void stop() {
        work.stop();
    }

    private static long instance(ApiClient admin, String name, String url, String deployment) {
        return JiraWork.instance(admin, name, url, deployment);
    }

    private static void authenticate(long instanceId, String site) {
        JiraWork.authenticate(tester, instanceId, site);
    }

    private static JsonObject bug(long instanceId, String summary) {
        return new JsonObject().put("instanceId", instanceId).put("jiraProject", "TB").put("issueTypeId", "10002").put("issueTypeName", "Bug")
                .put("summary", summary).put("description", "Steps:\n1. open\n2. crash")
                .put("fields", new JsonObject().put("customfield_10010", "10100").put("customfield_10011", "2026.11.3")
                        .put("customfield_10012", "1. Open a case.\n2. Save it.").put("environment", "Firefox 140\nstaging")
                        .put("labels", new JsonArray().add("regression")));
    }

    private static String browse(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void issue_types_and_required_fields_come_from_jiras_create_metadata() {
        JsonArray types = tester.get("/api/jira/" + cloud + "/projects/TB/issue-types").json().getJsonArray("items");
        assertThat(types.stream().map(t -> ((JsonObject) t).getString("name"))).contains("Bug", "Task", "Story");
        JsonArray fields = tester.get("/api/jira/" + dc + "/projects/TB/issue-types/10002/fields").json().getJsonArray("items");
        JsonObject severity = fields.stream().map(f -> (JsonObject) f).filter(f -> f.getString("fieldId").equals("customfield_10010")).findFirst().orElseThrow();
        assertThat(severity.getBoolean("required")).isTrue();
        assertThat(severity.getString("type")).isEqualTo("option");
        assertThat(severity.getJsonArray("allowedValues").getJsonObject(0).getString("label")).isEqualTo("Critical");
    }

    @Test
    void a_bug_with_a_required_custom_select_is_created_on_cloud_and_on_data_center_as_the_tester() throws Exception {
        for (long instanceId : new long[] {cloud, dc}) {
            ApiClient.Response created = tester.post("/api/projects/" + project + "/issues", bug(instanceId, "Crash on save " + instanceId));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonObject issue = created.json();
            assertThat(issue.getString("state")).as(issue.encode()).isEqualTo("CREATED");
            assertThat(issue.getString("jiraKey")).startsWith("TB-");
            assertThat(browse(issue.getString("jiraUrl"))).contains(issue.getString("jiraKey")).contains("Crash on save");
            // multi-line text goes to Cloud as ADF (Cloud refuses strings there) and to Data Center as text
            JsonObject inJira = (instanceId == cloud ? simulator.jira().siteIssue("acme", issue.getString("jiraKey"))
                    : simulator.jira().dcIssue("dc912", issue.getString("jiraKey"))).orElseThrow();
            assertThat(inJira.getBoolean("stepsToReproduceIsAdf")).isEqualTo(instanceId == cloud);
            assertThat(inJira.getBoolean("environmentIsAdf")).isEqualTo(instanceId == cloud);
            assertThat(inJira.getString("stepsToReproduce")).isEqualTo("1. Open a case.\n2. Save it.");
            assertThat(inJira.getString("environment")).isEqualTo("Firefox 140\nstaging");
        }
        JsonArray list = tester.get("/api/projects/" + project + "/issues").json().getJsonArray("items");
        assertThat(list.stream().map(i -> ((JsonObject) i).getString("state"))).contains("CREATED");
    }

    @Test
    void missing_required_fields_and_jiras_field_errors_keep_the_draft_with_each_error_on_its_field() {
        JsonObject incomplete = bug(cloud, "Incomplete bug");
        incomplete.getJsonObject("fields").remove("customfield_10010");
        JsonObject draft = tester.post("/api/projects/" + project + "/issues", incomplete).json();
        assertThat(draft.getString("state")).isEqualTo("FAILED");
        assertThat(draft.getJsonObject("lastError").getJsonObject("fields").getString("customfield_10010")).contains("Severity");

        JsonObject wrongOption = bug(cloud, "Bug with a bad severity");
        wrongOption.getJsonObject("fields").put("customfield_10010", "999999");
        JsonObject refused = tester.post("/api/projects/" + project + "/issues", wrongOption).json();
        assertThat(refused.getString("state")).isEqualTo("FAILED");
        assertThat(refused.getJsonObject("lastError").getJsonObject("fields").fieldNames()).contains("customfield_10010");
        assertThat(refused.getString("summary")).as("nothing typed is lost").isEqualTo("Bug with a bad severity");

        long id = draft.getLong("id");
        tester.patch("/api/issues/" + id, new JsonObject().put("fields", bug(cloud, "x").getJsonObject("fields")));
        JsonObject retried = tester.post("/api/issues/" + id + "/submit", new JsonObject()).json();
        assertThat(retried.getString("state")).isEqualTo("CREATED");
    }

    @Test
    void another_users_draft_is_not_found_for_editing_or_submitting_not_even_by_an_administrator() throws Exception {
        JsonObject incomplete = bug(cloud, "Tess's own words");
        incomplete.getJsonObject("fields").remove("customfield_10010");
        JsonObject draft = tester.post("/api/projects/" + project + "/issues", incomplete).json();
        assertThat(draft.getString("state")).isEqualTo("FAILED");
        long id = draft.getLong("id");

        ApiClient admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "mallory", "mallory password 1", "Tester");
        ApiClient mallory = app.client();
        mallory.login("mallory", "mallory password 1");
        int attempts = 0;
        int succeeded = 0;
        for (ApiClient other : List.of(mallory, admin)) {
            ApiClient.Response edited = other.patch("/api/issues/" + id, new JsonObject().put("summary", "Mallory's words")
                    .put("fields", bug(cloud, "x").getJsonObject("fields")));
            ApiClient.Response submitted = other.post("/api/issues/" + id + "/submit", new JsonObject());
            for (ApiClient.Response answer : List.of(edited, submitted)) {
                attempts++;
                if (answer.status() != 404) {
                    succeeded++;
                }
                assertThat(answer.status()).as(answer.body()).isEqualTo(404);
                assertThat(answer.errorCode()).isEqualTo("not_found");
                assertThat(answer.json().getJsonObject("error").getString("message")).as("the same answer as for no issue at all")
                        .isEqualTo("There is no issue " + id + ".");
            }
        }
        JsonObject seen = mallory.get("/api/projects/" + project + "/issues").json().getJsonArray("items").stream().map(i -> (JsonObject) i)
                .filter(i -> i.getLong("id") == id).findFirst().orElseThrow();
        assertThat(seen.getString("summary")).as("others still see the draft, unchanged").isEqualTo("Tess's own words");
        assertThat(seen.getString("state")).isEqualTo("FAILED");
        assertThat(seen.getLong("createdBy")).as("the draft names its author, so the page offers Retry to them alone")
                .isEqualTo(tester.get("/api/me").json().getJsonObject("user").getLong("id"));

        tester.patch("/api/issues/" + id, new JsonObject().put("fields", bug(cloud, "x").getJsonObject("fields")));
        JsonObject retried = tester.post("/api/issues/" + id + "/submit", new JsonObject()).json();
        assertThat(retried.getString("state")).isEqualTo("CREATED");
        assertThat(retried.getString("summary")).isEqualTo("Tess's own words");
        assertThat(browse(retried.getString("jiraUrl"))).contains("own words").doesNotContain("Mallory");
        ReliabilityReport.write("draft-idor", new JsonObject().put("attempts", attempts).put("succeeded", succeeded));
    }

    @Test
    void a_timeout_after_jira_created_the_issue_is_retried_without_a_duplicate() {
        String summary = "Created during a timeout " + System.nanoTime();
        long fault = simulator.jira().faults().add(FaultSpec.latency(Duration.ofSeconds(3)).onMethod("POST").onPathPattern(".*/rest/api/3/issue").times(1));
        JsonObject unknown = tester.post("/api/projects/" + project + "/issues", bug(cloud, summary)).json();
        simulator.jira().faults().remove(fault);
        assertThat(unknown.getString("state")).isEqualTo("UNKNOWN");

        ApiClient.Response retry;
        do { // Jira may still be working on the slow request: Testbridge says so (409) until it can tell
            retry = tester.post("/api/issues/" + unknown.getLong("id") + "/submit", new JsonObject());
            if (retry.status() == 409) {
                app.clock().advance(Duration.ofSeconds(7));
            }
        } while (retry.status() == 409);
        assertThat(retry.json().getString("state")).as(retry.body()).isEqualTo("CREATED");
        JsonArray found = tester.get("/api/jira/" + cloud + "/search?q=" + summary.replace(" ", "+")).json().getJsonArray("items");
        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getString("key")).isEqualTo(retry.json().getString("jiraKey"));
    }

    @Test
    void a_retry_after_an_unknown_outcome_waits_out_cloud_search_lag_instead_of_creating_a_duplicate() {
        String summary = "Created while search lags " + System.nanoTime();
        simulator.jira().searchLag(Duration.ofSeconds(30));
        try {
            // Jira creates the issue, but its answer never arrives
            simulator.jira().faults().add(FaultSpec.answerLost(1).onMethod("POST").onPathPattern(".*/rest/api/3/issue"));
            JsonObject unknown = tester.post("/api/projects/" + project + "/issues", bug(cloud, summary)).json();
            assertThat(unknown.getString("state")).as(unknown.encode()).isEqualTo("UNKNOWN");
            assertThat(simulator.jira().siteIssueKeysWithSummary("acme", summary)).hasSize(1);

            ApiClient.Response retry;
            int retries = 0;
            do { // time passes for both: Testbridge waits while Jira's search may not list the issue yet
                retry = tester.post("/api/issues/" + unknown.getLong("id") + "/submit", new JsonObject());
                if (retry.status() == 409) {
                    assertThat(retry.headers().firstValue("Retry-After")).as("when to try again").isPresent();
                    app.clock().advance(Duration.ofSeconds(7));
                    simulator.jira().advanceClock(Duration.ofSeconds(7));
                }
            } while (retry.status() == 409 && ++retries < 20);
            assertThat(retry.json().getString("state")).as(retry.body()).isEqualTo("CREATED");
            assertThat(simulator.jira().siteIssueKeysWithSummary("acme", summary)).containsExactly(retry.json().getString("jiraKey"));
        } finally {
            simulator.jira().searchLag(Duration.ZERO);
        }
    }

    @Test
    void a_scope_the_app_lost_is_reported_as_such_without_spending_a_refresh() {
        ApiClient admin = Fixtures.adminClient(app);
        String callback = app.baseUrl() + "/oauth/callback";
        Set<String> all = Set.of("read:jira-work", "read:jira-user", "write:jira-work");
        simulator.jira().registerClient(OAuthClientRegistration.cloud("narrowed-cloud", "narrowed-secret", "Testbridge", List.of(callback), all));
        long globex = instance(admin, "Globex", simulator.jira().siteUrl("globex"), "CLOUD");
        assertThat(new OAuthDriver(admin).connect(globex, "narrowed-cloud", "narrowed-secret", "alice", "globex").status()).isEqualTo(200);
        authenticate(globex, "globex");
        String projects = "/api/jira/" + globex + "/projects";
        assertThat(tester.get(projects).status()).isEqualTo(200);

        // an administrator takes read:jira-work away from the app in Atlassian's developer console
        simulator.jira().registerClient(OAuthClientRegistration.cloud("narrowed-cloud", "narrowed-secret", "Testbridge", List.of(callback),
                Set.of("read:jira-user", "write:jira-work")));
        ApiClient.Response refused = tester.get(projects);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("scope does not match").contains("read:jira-work");
        int refreshes = simulator.jira().tokenFamilies().stream()
                .filter(family -> family.clientId().equals("narrowed-cloud") && family.username().equals("bob"))
                .mapToInt(io.testbridge.jirasim.TokenFamilyView::refreshCalls).sum();
        assertThat(refreshes).as("a refresh would bring the same scopes: none is spent").isZero();
        assertThat(tester.get("/api/me/jira-connections").body()).as("the connection itself is fine").doesNotContain("NEEDS_REAUTHENTICATION");
    }

    @Test
    void a_429_storm_without_retry_after_holds_no_request_past_the_jira_timeout_and_says_when_to_retry() {
        long storm = simulator.jira().faults().add(FaultSpec.rateLimitWithoutRetryAfter(1000).onPathPattern(".*/rest/api/3/project/search"));
        try {
            long started = System.nanoTime();
            ApiClient.Response limited = tester.get("/api/jira/" + cloud + "/projects");
            Duration held = Duration.ofNanos(System.nanoTime() - started);

            assertThat(limited.status()).as(limited.body()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("too_many_attempts");
            assertThat(limited.headers().firstValue("Retry-After")).as("when to retry").hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            // a bound on behaviour, not a performance target: the configured Jira timeout is 2 s (plus Testbridge's own work)
            assertThat(held).isLessThan(Duration.ofMillis(3_500));
            int attempts = 1000 - remaining(storm);
            assertThat(attempts).as("backed off and tried again while it fitted in the timeout").isBetween(1, 3);
        } finally {
            simulator.jira().faults().remove(storm);
        }
    }

    @Test
    void a_retry_after_longer_than_the_jira_timeout_is_handed_to_the_person_at_once_for_a_429_and_a_503() {
        long limit = simulator.jira().faults().add(FaultSpec.rateLimit(5, 30).onPathPattern(".*/rest/api/3/project/search"));
        ApiClient.Response limited = tester.get("/api/jira/" + cloud + "/projects");
        assertThat(remaining(limit)).as("asked once, not again before Retry-After").isEqualTo(4);
        simulator.jira().faults().remove(limit);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");

        long busy = simulator.jira().faults().add(FaultSpec.serverError(5, 503).withRetryAfter(30).onPathPattern(".*/rest/api/3/project/search"));
        ApiClient.Response unavailable = tester.get("/api/jira/" + cloud + "/projects");
        assertThat(remaining(busy)).as("a 503's Retry-After is honoured too").isEqualTo(4);
        simulator.jira().faults().remove(busy);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.errorCode()).isEqualTo("jira_unavailable");
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("30");
    }

    private static int remaining(long faultId) {
        return simulator.jira().faults().active().stream().filter(f -> f.id() == faultId).findFirst().orElseThrow().remaining();
    }

    @Test
    void a_rate_limited_create_waits_for_retry_after_and_succeeds() {
        simulator.jira().faults().add(FaultSpec.rateLimit(1, 1).onMethod("POST").onPathPattern(".*/rest/api/2/issue"));
        JsonObject created = tester.post("/api/projects/" + project + "/issues", bug(dc, "Rate limited bug")).json();
        assertThat(created.getString("state")).isEqualTo("CREATED");
    }

    @Test
    void search_pages_on_cloud_with_next_page_token_and_on_data_center_with_start_at() {
        for (long instanceId : new long[] {cloud, dc}) { // Jira matches words: "test*" also finds "tester" and "Testbridge"
            JsonObject first = tester.get("/api/jira/" + instanceId + "/search?q=test*&project=TB&pageSize=2").json();
            assertThat(first.getJsonArray("items")).hasSize(2);
            assertThat(first.getString("nextCursor")).isNotNull();
            JsonObject second = tester.get("/api/jira/" + instanceId + "/search?q=test*&project=TB&pageSize=2&cursor=" + first.getString("nextCursor")).json();
            assertThat(second.getJsonArray("items")).isNotEmpty();
            assertThat(second.getJsonArray("items").getJsonObject(0).getString("key")).isNotIn(
                    first.getJsonArray("items").getJsonObject(0).getString("key"), first.getJsonArray("items").getJsonObject(1).getString("key"));
            assertThat(tester.get("/api/jira/" + instanceId + "/search?q=TB-2").json().getJsonArray("items").getJsonObject(0).getString("key")).isEqualTo("TB-2");
            assertThat(tester.get("/api/jira/" + instanceId + "/search?q=TB-99999").json().getJsonArray("items")).isEmpty();
        }
    }

    @Test
    void suites_link_issues_show_their_status_and_an_issue_deleted_in_jira_shows_as_not_found() {
        long suite = tester.post("/api/projects/" + project + "/suites", new JsonObject().put("name", "Login")).json().getLong("id");
        tester.post("/api/suites/" + suite + "/cases", new JsonObject().put("title", "SSO login").put("steps", "1. log in"));
        ApiClient.Response linked = tester.post("/api/suites/" + suite + "/links", new JsonObject().put("instanceId", cloud)
                .put("keys", new JsonArray().add("TB-1").add("TB-3").add("TB-4")));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().getJsonArray("items")).hasSize(3);
        assertThat(linked.json().getJsonArray("items").getJsonObject(0).getString("status")).isNotBlank();
        assertThat(tester.post("/api/suites/" + suite + "/links", new JsonObject().put("instanceId", cloud)
                .put("keys", new JsonArray().add("TB-77777"))).errorField()).isEqualTo("keys");

        JsonObject listed = tester.get("/api/projects/" + project + "/suites").json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getLong("linkCount")).isEqualTo(3);
        assertThat(listed.getLong("caseCount")).isEqualTo(1);

        simulator.jira().deleteSiteIssue("acme", "TB-3");
        app.clock().advance(Duration.ofMinutes(2));
        ApiClient.Response detail = tester.get("/api/suites/" + suite);
        assertThat(detail.status()).isEqualTo(200);
        JsonArray links = detail.json().getJsonArray("links");
        assertThat(links.stream().map(l -> (JsonObject) l).filter(l -> l.getString("key").equals("TB-3")).findFirst().orElseThrow()
                .getBoolean("notFound")).isTrue();
        assertThat(detail.json().getBoolean("linksStale")).isFalse();

        assertThat(tester.delete("/api/suites/" + suite + "/links/" + cloud + "/TB-4").status()).isEqualTo(204);
        assertThat(tester.get("/api/suites/" + suite).json().getJsonArray("links")).hasSize(2);
    }

    @Test
    void a_backslash_or_a_quote_in_the_project_filter_stays_inside_its_jql_string() {
        for (String project : new String[] {"TB\\", "TB\" OR project = \"XX"}) {
            ApiClient.Response answer = tester.get("/api/jira/" + cloud + "/search?q=test&project="
                    + java.net.URLEncoder.encode(project, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().getJsonObject("error").getString("message")).as("Jira read the whole value as the project, not broken JQL")
                    .contains("The value '" + project + "' does not exist for the field 'project'");
        }
        assertThat(io.testbridge.jira.JiraIssues.jqlString("a\\\" OR x = \"y")).isEqualTo("\"a\\\\\\\" OR x = \\\"y\"");
    }

    @Test
    void a_jira_project_or_issue_type_that_would_change_the_jira_path_is_refused_at_the_api() {
        for (String field : new String[] {"jiraProject", "issueTypeId"}) {
            JsonObject input = bug(cloud, "Path traversal via " + field).put(field, "TB/../../../myself#");
            ApiClient.Response refused = tester.post("/api/projects/" + project + "/issues", input);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_request");
            assertThat(refused.body()).contains(field);
        }
        ApiClient.Response projectPath = tester.get("/api/jira/" + cloud + "/projects/TB%2F..%2F..%2Fmyself/issue-types");
        assertThat(projectPath.status()).as(projectPath.body()).isEqualTo(400);
        assertThat(io.testbridge.jira.JiraClient.path("issue", "createmeta", "TB/../../../myself#", "..", "10002"))
                .as("the client encodes every segment, whatever the caller checked")
                .isEqualTo("/issue/createmeta/TB%2F..%2F..%2F..%2Fmyself%23/%2E%2E/10002");
    }

    @Test
    void the_issue_list_refreshes_jira_statuses_with_a_quoted_key_list() {
        JsonObject created = tester.post("/api/projects/" + project + "/issues", bug(cloud, "Status refresh " + System.nanoTime())).json();
        assertThat(created.getString("state")).as(created.encode()).isEqualTo("CREATED");
        assertThat(simulator.jira().workOnSiteIssue("acme", created.getString("jiraKey"), "In Progress", null)).isTrue();
        app.clock().advance(Duration.ofMinutes(2));
        JsonObject listed = tester.get("/api/projects/" + project + "/issues").json().getJsonArray("items").stream()
                .map(i -> (JsonObject) i).filter(i -> i.getLong("id").equals(created.getLong("id"))).findFirst().orElseThrow();
        assertThat(listed.getString("jiraStatus")).isEqualTo("In Progress");
    }
}
