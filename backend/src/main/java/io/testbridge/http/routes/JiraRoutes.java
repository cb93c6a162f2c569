package io.testbridge.http.routes;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.JiraIssues;
import io.testbridge.jira.JiraSite;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Jira as the user sees it, through Testbridge and as the user: projects, create metadata, people,
 * issue search. Straight to the shared Jira client; nothing is stored.
 */
public final class JiraRoutes implements ApiModule {
    private final JiraIssues jira;
    private final Integrations integrations;

    public JiraRoutes(JiraIssues jira, Integrations integrations) {
        this.jira = jira;
        this.integrations = integrations;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listJiraProjects", ctx -> asUser(ctx, (user, site) -> jira.projects(user, site).map(JiraRoutes::items)),
                "listJiraIssueTypes", ctx -> asUser(ctx, (user, site) -> jira.issueTypes(user, site, Requests.pathString(ctx, "projectKey"))
                        .map(JiraRoutes::items)),
                "listJiraFields", ctx -> asUser(ctx, (user, site) -> jira.fields(user, site, Requests.pathString(ctx, "projectKey"),
                        Requests.pathString(ctx, "issueTypeId")).map(JiraRoutes::items)),
                "searchJiraUsers", ctx -> asUser(ctx, (user, site) -> jira.users(user, site, Requests.queryString(ctx, "project", ""),
                                Requests.queryString(ctx, "query", ""))
                        .map(JiraRoutes::items)),
                "searchJiraIssues", ctx -> asUser(ctx, (user, site) -> jira.search(user, site, Requests.queryString(ctx, "q", ""),
                                Requests.queryString(ctx, "project", null), Requests.queryString(ctx, "cursor", null), Requests.queryInt(ctx, "pageSize", 20))
                        .map(page -> {
                            JsonArray found = new JsonArray();
                            page.issues().forEach(issue -> found.add(issue.toJson()));
                            return new JsonObject().put("items", found).put("nextCursor", page.nextCursor());
                        })));
    }

    /** The call, as the logged-in user, on the instance named in the path. */
    private void asUser(RoutingContext ctx, BiFunction<Long, JiraSite, Future<JsonObject>> call) {
        long userId = Requests.principal(ctx).userId();
        ApiResponses.reply(ctx, 200, integrations.get(Requests.pathLong(ctx, "instanceId")).map(JiraInstance::site)
                .compose(site -> call.apply(userId, site)));
    }

    private static JsonObject items(JsonArray items) {
        return new JsonObject().put("items", items);
    }
}
