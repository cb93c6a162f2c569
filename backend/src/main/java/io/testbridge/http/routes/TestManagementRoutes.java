package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Projects and the Issue module. */
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
                    ApiResponses.reply(ctx, 200, testManagement.updateIssueDraft(id(ctx, "issueId"), body, user(ctx)));
                }),
                Map.entry("submitIssue", ctx -> ApiResponses.reply(ctx, 200, testManagement.submitIssue(id(ctx, "issueId"), user(ctx)))));
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
