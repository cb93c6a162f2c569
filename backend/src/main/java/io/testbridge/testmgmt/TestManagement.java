package io.testbridge.testmgmt;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The test-management module's door: projects, the Issue module (issues created in Jira as the
 * tester) and test suites with their cases and linked Jira issues. It owns the tables projects,
 * issues, suites, test_cases and suite_links. Calls that reach Jira wait longer: Jira may be slow,
 * and the client retries and honours Retry-After within bounds.
 */
@Door(value = EventAddresses.TESTMGMT, timeoutSeconds = 30)
public interface TestManagement {
    Future<JsonArray> listProjects();

    Future<JsonObject> createProject(JsonObject project);

    Future<JsonObject> updateProject(long projectId, JsonObject patch);

    /** The project's issues; Jira statuses older than a minute are refreshed as the viewer, when they can be. */
    @Door.Timeout(seconds = 120)
    Future<JsonArray> listIssues(long projectId, long userId);

    /** Stores the draft, then creates it in Jira as the user; answers the issue in whatever state that left it. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> createIssue(long projectId, JsonObject issue, long userId);

    Future<JsonObject> updateIssueDraft(long issueId, JsonObject patch);

    /** Creates the draft in Jira now (checking first that an earlier attempt did not); one submission per issue at a time. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> submitIssue(long issueId, long userId);

    Future<JsonArray> listSuites(long projectId);

    Future<JsonObject> createSuite(long projectId, String name, String description);

    /** The detail view: cases, and links refreshed from Jira as the viewer. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> suite(long suiteId, long userId);

    Future<JsonObject> addTestCase(long suiteId, String title, String steps);

    /** Links issues after reading each from Jira as the user (a key Jira does not know is refused, naming it). */
    @Door.Timeout(seconds = 120)
    Future<JsonArray> linkIssues(long suiteId, long instanceId, List<String> keys, long userId);

    Future<Void> unlinkIssue(long suiteId, long instanceId, String issueKey);
}
