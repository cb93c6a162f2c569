package io.testbridge.testmgmt;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The test-management door's implementation, on the module verticle's context. */
final class TestManagementService implements TestManagement {
    private final ProjectService projects;
    private final IssueService issues;
    private final SuiteService suites;

    TestManagementService(ProjectService projects, IssueService issues, SuiteService suites) {
        this.projects = projects;
        this.issues = issues;
        this.suites = suites;
    }

    @Override
    public Future<JsonArray> listProjects() {
        return projects.list();
    }

    @Override
    public Future<JsonObject> createProject(JsonObject project) {
        return projects.create(project);
    }

    @Override
    public Future<JsonObject> updateProject(long projectId, JsonObject patch) {
        return projects.update(projectId, patch);
    }

    @Override
    public Future<JsonArray> listIssues(long projectId, long userId) {
        return issues.list(projectId, userId);
    }

    @Override
    public Future<JsonObject> createIssue(long projectId, JsonObject issue, long userId) {
        return issues.create(projectId, issue, userId);
    }

    @Override
    public Future<JsonObject> updateIssueDraft(long issueId, JsonObject patch) {
        return issues.updateDraft(issueId, patch);
    }

    @Override
    public Future<JsonObject> submitIssue(long issueId, long userId) {
        return issues.submit(issueId, userId);
    }

    @Override
    public Future<JsonArray> listSuites(long projectId) {
        return suites.list(projectId);
    }

    @Override
    public Future<JsonObject> createSuite(long projectId, String name, String description) {
        return suites.create(projectId, name, description);
    }

    @Override
    public Future<JsonObject> suite(long suiteId, long userId) {
        return suites.detail(suiteId, userId);
    }

    @Override
    public Future<JsonObject> addTestCase(long suiteId, String title, String steps) {
        return suites.addCase(suiteId, title, steps);
    }

    @Override
    public Future<JsonArray> linkIssues(long suiteId, long instanceId, List<String> keys, long userId) {
        return suites.link(suiteId, instanceId, keys, userId);
    }

    @Override
    public Future<Void> unlinkIssue(long suiteId, long instanceId, String issueKey) {
        return suites.unlink(suiteId, instanceId, issueKey);
    }
}
