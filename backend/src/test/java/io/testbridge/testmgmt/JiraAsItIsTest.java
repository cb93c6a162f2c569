package io.testbridge.testmgmt;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Testbridge reads from Jira, held to what real Jira does (issue 23): paged projects and create
 * metadata, the end of Cloud search pages, assignable people, word search with wildcards, and
 * statuses when some keys are gone. The tester is bob, as in {@link JiraWorkTest}.
 */
class JiraAsItIsTest {
    private static JiraWork work;
    private static Simulator simulator;
    private static RunningApp app;
    private static ApiClient tester;
    private static long cloud;
    private static long dc;
    private static long project;

    @BeforeAll
    static void start() {
        work = JiraWork.start("asis", "ASIS", "As it is");
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

    private static List<String> values(JsonArray items, String member) {
        return items.stream().map(i -> ((JsonObject) i).getString(member)).toList();
    }

    private static JsonObject bug(long instanceId, String summary) {
        return new JsonObject().put("instanceId", instanceId).put("jiraProject", "TB").put("issueTypeId", "10002").put("issueTypeName", "Bug")
                .put("summary", summary).put("description", "Seen twice")
                .put("fields", new JsonObject().put("customfield_10010", "10100").put("customfield_10011", "2026.12.1").put("customfield_10012", "1. Pay.\n2. Crash."));
    }

    @Test
    void every_cloud_project_the_tester_may_create_issues_in_is_offered_even_beyond_the_first_100() {
        for (int i = 1; i <= 120; i++) {
            simulator.jira().addSiteProject("acme", "MANY" + i, "Many " + i, i == 60 ? Set.of("bob") : Set.of());
        }

        JsonArray projects = tester.get("/api/jira/" + cloud + "/projects").json().getJsonArray("items");

        assertThat(values(projects, "key")).contains("TB", "OPS", "MANY1", "MANY120")
                .as("ARC: nobody may create there; MANY60: bob may only browse").doesNotContain("ARC", "MANY60")
                .hasSize(2 + 119);
    }

    @Test
    void a_required_field_beyond_the_first_page_of_data_center_create_metadata_is_shown_and_checked() {
        JsonArray fields = tester.get("/api/jira/" + dc + "/projects/TB/issue-types/10004/fields").json().getJsonArray("items");
        JsonArray types = tester.get("/api/jira/" + dc + "/projects/TB/issue-types").json().getJsonArray("items");

        assertThat(types).hasSize(4);
        assertThat(fields).hasSize(69);
        JsonObject impact = fields.stream().map(f -> (JsonObject) f).filter(f -> f.getString("fieldId").equals("customfield_10300")).findFirst().orElseThrow();
        assertThat(impact.getBoolean("required")).isTrue();
        JsonObject incident = new JsonObject().put("instanceId", dc).put("jiraProject", "TB").put("issueTypeId", "10004")
                .put("issueTypeName", "Incident").put("summary", "Checkout down").put("description", "")
                .put("fields", new JsonObject());
        JsonObject withoutImpact = tester.post("/api/projects/" + project + "/issues", incident).json();
        assertThat(withoutImpact.getString("state")).isEqualTo("FAILED");
        assertThat(withoutImpact.getJsonObject("lastError").getJsonObject("fields").getString("customfield_10300")).contains("Customer impact");
        incident.put("fields", new JsonObject().put("customfield_10300", "No one can pay"));
        assertThat(tester.post("/api/projects/" + project + "/issues", incident).json().getString("state")).isEqualTo("CREATED");
    }

    @Test
    void cloud_search_pages_until_jira_sends_no_next_page_token() {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = tester.get("/api/jira/" + cloud + "/search?q=the&project=TB&pageSize=1"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
            keys.addAll(values(page.getJsonArray("items"), "key"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(keys).as("'the' is a word of TB-5 ('Upgrade the CI runners') and TB-1, newest first").containsExactly("TB-5", "TB-1");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void the_user_picker_offers_only_people_who_can_be_assigned_in_the_jira_project() {
        JsonArray cloudPeople = tester.get("/api/jira/" + cloud + "/users?query=example&project=TB").json().getJsonArray("items");
        JsonArray dcCarolInTb = tester.get("/api/jira/" + dc + "/users?query=carol&project=TB").json().getJsonArray("items");
        JsonArray dcCarolInOps = tester.get("/api/jira/" + dc + "/users?query=carol&project=OPS").json().getJsonArray("items");

        assertThat(values(cloudPeople, "displayName")).containsExactly("Alice Admin", "Bob Tester");
        assertThat(dcCarolInTb).as("carol may only browse TB").isEmpty();
        assertThat(values(dcCarolInOps, "id")).containsExactly("carol");
        ApiClient.Response withoutProject = tester.get("/api/jira/" + cloud + "/users?query=example");
        assertThat(withoutProject.status()).isEqualTo(400);
    }

    @Test
    void a_leading_wildcard_typed_by_a_person_never_becomes_a_jql_error() {
        for (long instanceId : new long[] {cloud, dc}) {
            ApiClient.Response leading = tester.get("/api/jira/" + instanceId + "/search?project=TB&q=" + URLEncoder.encode("*login ?session", StandardCharsets.UTF_8));
            ApiClient.Response onlyWildcards = tester.get("/api/jira/" + instanceId + "/search?project=TB&q=" + URLEncoder.encode("* ??", StandardCharsets.UTF_8));
            ApiClient.Response prefix = tester.get("/api/jira/" + instanceId + "/search?project=TB&q=" + URLEncoder.encode("sso sess*", StandardCharsets.UTF_8));

            assertThat(leading.status()).as(leading.body()).isEqualTo(200);
            assertThat(values(leading.json().getJsonArray("items"), "key")).containsExactly("TB-1");
            assertThat(onlyWildcards.status()).as(onlyWildcards.body()).isEqualTo(200);
            assertThat(onlyWildcards.json().getJsonArray("items")).isEmpty();
            assertThat(values(prefix.json().getJsonArray("items"), "key")).containsExactly("TB-1");
        }
    }

    @Test
    void statuses_of_the_other_issues_still_refresh_when_one_was_deleted_in_jira() {
        for (long instanceId : new long[] {cloud, dc}) {
            JsonObject kept = tester.post("/api/projects/" + project + "/issues", bug(instanceId, "Kept " + instanceId)).json();
            JsonObject deleted = tester.post("/api/projects/" + project + "/issues", bug(instanceId, "Deleted " + instanceId)).json();
            assertThat(kept.getString("state")).as(kept.encode()).isEqualTo("CREATED");
            assertThat(deleted.getString("state")).as(deleted.encode()).isEqualTo("CREATED");
            String keptKey = kept.getString("jiraKey");
            String deletedKey = deleted.getString("jiraKey");
            if (instanceId == cloud) {
                assertThat(simulator.jira().workOnSiteIssue("acme", keptKey, "In Progress", null)).isTrue();
                assertThat(simulator.jira().deleteSiteIssue("acme", deletedKey)).isTrue();
            } else {
                assertThat(simulator.jira().workOnDcIssue("dc912", keptKey, "In Progress", null)).isTrue();
                assertThat(simulator.jira().deleteDcIssue("dc912", deletedKey)).isTrue();
            }
            app.clock().advance(Duration.ofMinutes(2));

            try (LogCapture logs = LogCapture.begin()) {
                JsonArray listed = tester.get("/api/projects/" + project + "/issues").json().getJsonArray("items");
                JsonObject refreshed = listed.stream().map(i -> (JsonObject) i).filter(i -> i.getLong("id").equals(kept.getLong("id"))).findFirst().orElseThrow();

                assertThat(refreshed.getString("jiraStatus")).as("instance " + instanceId).isEqualTo("In Progress");
                assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("INFO").contains("event=issue_status_not_in_jira")
                        .contains("instance_id=" + instanceId).contains(deletedKey));
            }
        }
    }
}
