package io.testbridge.testmgmt;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The test-management module's door: projects and the Issue module (issues created in Jira as the
 * tester). It owns the tables projects and issues. Calls that reach Jira wait longer: Jira may be slow,
 * and the client retries and honours Retry-After within bounds.
 */
@Door(value = EventAddresses.TESTMGMT, timeoutSeconds = 30)
public interface TestManagement {
    Future<JsonArray> listProjects();

    /** One project (id, key, name, default Jira instance and project), or not found. */
    Future<JsonObject> project(long projectId);

    Future<JsonObject> createProject(JsonObject project);

    Future<JsonObject> updateProject(long projectId, JsonObject patch);

    /** The project's issues; Jira statuses older than a minute are refreshed as the viewer, when they can be. */
    @Door.Timeout(seconds = 120)
    Future<JsonArray> listIssues(long projectId, long userId);

    /** Stores the draft, then creates it in Jira as the user; answers the issue in whatever state that left it. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> createIssue(long projectId, JsonObject issue, long userId);

    /** Changes a draft not yet in Jira; only its author may (another user's draft is not found). */
    Future<JsonObject> updateIssueDraft(long issueId, JsonObject patch, long userId);

    /**
     * Creates the draft in Jira now (checking first that an earlier attempt did not); one submission
     * per issue at a time; only its author may (another user's draft is not found).
     */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> submitIssue(long issueId, long userId);
}
