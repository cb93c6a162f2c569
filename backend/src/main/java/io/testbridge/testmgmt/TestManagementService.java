package io.testbridge.testmgmt;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The test-management door's implementation, on the module verticle's context. */
final class TestManagementService implements TestManagement {
    private final ProjectService projects;
    private final IssueService issues;

    TestManagementService(ProjectService projects, IssueService issues) {
        this.projects = projects;
        this.issues = issues;
    }

    @Override
    public Future<JsonArray> listProjects() {
        return projects.list();
    }

    @Override
    public Future<JsonObject> project(long projectId) {
        return projects.get(projectId);
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
    public Future<JsonObject> updateIssueDraft(long issueId, JsonObject patch, long userId) {
        return issues.updateDraft(issueId, patch, userId);
    }

    @Override
    public Future<JsonObject> submitIssue(long issueId, long userId) {
        return issues.submit(issueId, userId);
    }
}
