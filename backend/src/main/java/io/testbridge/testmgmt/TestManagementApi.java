package io.testbridge.testmgmt;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Projects, the Issue module and Test Suites. */
public final class TestManagementApi implements ApiModule {
    private final ProjectService projects;
    private final IssueService issues;
    private final SuiteService suites;

    public TestManagementApi(ProjectService projects, IssueService issues, SuiteService suites) {
        this.projects = projects;
        this.issues = issues;
        this.suites = suites;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.ofEntries(
                Map.entry("listProjects", ctx -> ApiResponses.reply(ctx, 200, projects.list().map(TestManagementApi::items))),
                Map.entry("createProject", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    Requests.text(body, "name");
                    ApiResponses.reply(ctx, 201, projects.create(body));
                }),
                Map.entry("updateProject", ctx -> ApiResponses.reply(ctx, 200, projects.update(id(ctx, "projectId"), Requests.body(ctx)))),
                Map.entry("listIssues", ctx -> ApiResponses.reply(ctx, 200,
                        issues.list(id(ctx, "projectId"), user(ctx)).map(TestManagementApi::items))),
                Map.entry("createIssue", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    Requests.text(body, "summary");
                    ApiResponses.reply(ctx, 201, issues.create(id(ctx, "projectId"), body, user(ctx)));
                }),
                Map.entry("updateIssueDraft", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    if (body.containsKey("summary")) {
                        Requests.text(body, "summary");
                    }
                    ApiResponses.reply(ctx, 200, issues.updateDraft(id(ctx, "issueId"), body));
                }),
                Map.entry("submitIssue", ctx -> ApiResponses.reply(ctx, 200, issues.submit(id(ctx, "issueId"), user(ctx)))),
                Map.entry("listSuites", ctx -> ApiResponses.reply(ctx, 200, suites.list(id(ctx, "projectId")).map(TestManagementApi::items))),
                Map.entry("createSuite", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, suites.create(id(ctx, "projectId"), Requests.text(body, "name"), body.getString("description")));
                }),
                Map.entry("getSuite", ctx -> ApiResponses.reply(ctx, 200, suites.detail(id(ctx, "suiteId"), user(ctx)))),
                Map.entry("createTestCase", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, suites.addCase(id(ctx, "suiteId"), Requests.text(body, "title"), body.getString("steps")));
                }),
                Map.entry("linkIssues", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    List<String> keys = new ArrayList<>();
                    body.getJsonArray("keys").forEach(key -> keys.add(String.valueOf(key)));
                    ApiResponses.reply(ctx, 200, suites.link(id(ctx, "suiteId"), body.getLong("instanceId"), keys, user(ctx))
                            .map(links -> new JsonObject().put("items", links)));
                }),
                Map.entry("unlinkIssue", ctx -> ApiResponses.reply(ctx, 204, suites.unlink(id(ctx, "suiteId"), id(ctx, "instanceId"),
                        Requests.pathString(ctx, "issueKey")))));
    }

    private static long id(RoutingContext ctx, String name) {
        return Requests.pathLong(ctx, name);
    }

    private static long user(RoutingContext ctx) {
        return Requests.principal(ctx).userId();
    }

    private static JsonObject items(io.vertx.core.json.JsonArray items) {
        return new JsonObject().put("items", items);
    }
}
