package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Projects, the Issue module and Test Suites. */
public final class TestManagementRoutes implements ApiModule {
    private final TestManagement testManagement;

    public TestManagementRoutes(TestManagement testManagement) {
        this.testManagement = testManagement;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.ofEntries(
                Map.entry("listProjects", ctx -> ApiResponses.reply(ctx, 200, testManagement.listProjects().map(TestManagementRoutes::items))),
                Map.entry("createProject", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    Requests.text(body, "name");
                    ApiResponses.reply(ctx, 201, testManagement.createProject(body));
                }),
                Map.entry("updateProject", ctx -> ApiResponses.reply(ctx, 200, testManagement.updateProject(id(ctx, "projectId"), Requests.body(ctx)))),
                Map.entry("listIssues", ctx -> ApiResponses.reply(ctx, 200,
                        testManagement.listIssues(id(ctx, "projectId"), user(ctx)).map(TestManagementRoutes::items))),
                Map.entry("createIssue", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    Requests.text(body, "summary");
                    ApiResponses.reply(ctx, 201, testManagement.createIssue(id(ctx, "projectId"), body, user(ctx)));
                }),
                Map.entry("updateIssueDraft", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    if (body.containsKey("summary")) {
                        Requests.text(body, "summary");
                    }
                    ApiResponses.reply(ctx, 200, testManagement.updateIssueDraft(id(ctx, "issueId"), body));
                }),
                Map.entry("submitIssue", ctx -> ApiResponses.reply(ctx, 200, testManagement.submitIssue(id(ctx, "issueId"), user(ctx)))),
                Map.entry("listSuites", ctx -> ApiResponses.reply(ctx, 200, testManagement.listSuites(id(ctx, "projectId")).map(TestManagementRoutes::items))),
                Map.entry("createSuite", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, testManagement.createSuite(id(ctx, "projectId"), Requests.text(body, "name"), body.getString("description")));
                }),
                Map.entry("getSuite", ctx -> ApiResponses.reply(ctx, 200, testManagement.suite(id(ctx, "suiteId"), user(ctx)))),
                Map.entry("createTestCase", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, testManagement.addTestCase(id(ctx, "suiteId"), Requests.text(body, "title"), body.getString("steps")));
                }),
                Map.entry("linkIssues", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    List<String> keys = new ArrayList<>();
                    body.getJsonArray("keys").forEach(key -> keys.add(String.valueOf(key)));
                    ApiResponses.reply(ctx, 200, testManagement.linkIssues(id(ctx, "suiteId"), body.getLong("instanceId"), keys, user(ctx))
                            .map(links -> new JsonObject().put("items", links)));
                }),
                Map.entry("unlinkIssue", ctx -> ApiResponses.reply(ctx, 204, testManagement.unlinkIssue(id(ctx, "suiteId"), id(ctx, "instanceId"),
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
