package io.testbridge.jira;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.integrations.Deployment;
import io.testbridge.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Jira as the user sees it, through Testbridge: their projects (more arrives with the Issue module). */
public final class JiraApi implements ApiModule {
    private final JiraClient jira;
    private final JiraIssues issues;
    private final IntegrationService integrations;

    public JiraApi(JiraClient jira, JiraIssues issues, IntegrationService integrations) {
        this.jira = jira;
        this.issues = issues;
        this.integrations = integrations;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listJiraProjects", this::projects,
                "listJiraIssueTypes", ctx -> withInstance(ctx, (user, instance) -> issues.issueTypes(user, instance, Requests.pathString(ctx, "projectKey"))
                        .map(JiraApi::items)),
                "listJiraFields", ctx -> withInstance(ctx, (user, instance) -> issues.fields(user, instance, Requests.pathString(ctx, "projectKey"),
                        Requests.pathString(ctx, "issueTypeId")).map(JiraApi::items)),
                "searchJiraUsers", ctx -> withInstance(ctx, (user, instance) -> issues.users(user, instance, Requests.queryString(ctx, "query", ""))
                        .map(JiraApi::items)),
                "searchJiraIssues", ctx -> withInstance(ctx, (user, instance) -> issues.search(user, instance, Requests.queryString(ctx, "q", ""),
                                Requests.queryString(ctx, "project", null), Requests.queryString(ctx, "cursor", null), Requests.queryInt(ctx, "pageSize", 20))
                        .map(page -> {
                            JsonArray found = new JsonArray();
                            page.issues().forEach(issue -> found.add(issue.toJson()));
                            return new JsonObject().put("items", found).put("nextCursor", page.nextCursor());
                        })));
    }

    private void withInstance(RoutingContext ctx, java.util.function.BiFunction<Long, io.testbridge.integrations.JiraInstance,
            io.vertx.core.Future<JsonObject>> call) {
        long userId = Requests.principal(ctx).userId();
        ApiResponses.reply(ctx, 200, integrations.get(Requests.pathLong(ctx, "instanceId")).compose(instance -> call.apply(userId, instance)));
    }

    private static JsonObject items(JsonArray items) {
        return new JsonObject().put("items", items);
    }

    private void projects(RoutingContext ctx) {
        long userId = Requests.principal(ctx).userId();
        ApiResponses.reply(ctx, 200, integrations.get(Requests.pathLong(ctx, "instanceId")).compose(instance -> {
            boolean cloud = instance.deployment() == Deployment.CLOUD;
            return jira.call(userId, instance, HttpMethod.GET, cloud ? "/project/search" : "/project",
                            cloud ? Map.of("maxResults", "100") : Map.of(), null)
                    .map(response -> {
                        JsonArray projects = cloud ? response.bodyAsJsonObject().getJsonArray("values", new JsonArray()) : response.bodyAsJsonArray();
                        JsonArray items = new JsonArray();
                        projects.forEach(p -> {
                            JsonObject project = (JsonObject) p;
                            items.add(new JsonObject().put("id", project.getString("id")).put("key", project.getString("key"))
                                    .put("name", project.getString("name")));
                        });
                        return new JsonObject().put("items", items);
                    });
        }));
    }
}
