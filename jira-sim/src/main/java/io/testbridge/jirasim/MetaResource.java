package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** myself, user search, projects and create metadata. */
final class MetaResource {

    private static final int PROJECT_PAGE_MAX = 100;
    private static final int CREATEMETA_PAGE_MAX = 200;
    private static final int DC_CREATEMETA_FIELDS_PAGE_MAX = 50;

    private final SimContext sim;

    MetaResource(SimContext sim) {
        this.sim = sim;
    }

    void myself(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        Responses.json(ctx, 200, caller.dialect().user(caller.user(), caller.restBase()));
    }

    /** Cloud: ?query= (name or e-mail); Data Center: ?username= (required). */
    void userSearch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        String query = ctx.request().getParam(caller.dialect().isCloud() ? "query" : "username");
        String accountId = ctx.request().getParam("accountId");
        if (query == null && (accountId == null || !caller.dialect().isCloud())) {
            Responses.jiraError(ctx, 400, caller.dialect().isCloud()
                    ? "The query parameter 'query' or 'accountId' must be provided."
                    : "The username query parameter was not provided");
            return;
        }
        String needle = query == null ? null : query.toLowerCase(Locale.ROOT);
        JsonArray users = new JsonArray();
        sim.state.users().stream()
                .filter(u -> accountId == null || u.accountId().equals(accountId))
                .filter(u -> needle == null || u.username().toLowerCase(Locale.ROOT).contains(needle)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(needle)
                        || u.emailAddress().toLowerCase(Locale.ROOT).contains(needle))
                .forEach(u -> users.add(caller.dialect().user(u, caller.restBase())));
        Responses.json(ctx, 200, users);
    }

    /**
     * The people who can be assigned issues of a project (Cloud: {@code query}, DC: {@code username};
     * {@code project} required here), leaving out those without the Assignable User permission.
     */
    void assignableSearch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        String projectIdOrKey = ctx.request().getParam("project");
        if (projectIdOrKey == null || projectIdOrKey.isBlank()) {
            Responses.jiraError(ctx, 400, "The parameter 'project' or 'issueKey' is required.");
            return;
        }
        JiraProject project = caller.data().project(projectIdOrKey).orElse(null);
        if (project == null) {
            Responses.jiraError(ctx, 404, "No project could be found with key '" + projectIdOrKey + "'.");
            return;
        }
        String query = ctx.request().getParam(caller.dialect().isCloud() ? "query" : "username", "");
        String needle = query.toLowerCase(Locale.ROOT);
        JsonArray users = new JsonArray();
        sim.state.users().stream().filter(project::isAssignable)
                .filter(u -> u.username().toLowerCase(Locale.ROOT).contains(needle)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(needle)
                        || u.emailAddress().toLowerCase(Locale.ROOT).contains(needle))
                .limit(Math.max(1, Paging.intParam(ctx, "maxResults", 50)))
                .forEach(u -> users.add(caller.dialect().user(u, caller.restBase())));
        Responses.json(ctx, 200, users);
    }

    void projects(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JsonArray projects = new JsonArray();
        caller.data().projects().forEach(p -> projects.add(projectJson(p, caller)));
        Responses.json(ctx, 200, projects);
    }

    /**
     * Cloud's paginated project list: at most 100 per page; {@code action=create} lists only the
     * projects where the caller may create issues ({@code view}, the default, and {@code browse} and
     * {@code edit} list every visible project here).
     */
    void projectSearch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        String action = ctx.request().getParam("action", "view");
        if (!List.of("view", "browse", "edit", "create").contains(action)) {
            Responses.jiraError(ctx, 400, "Invalid action '" + action + "'. Use view, browse, edit or create.");
            return;
        }
        List<JiraProject> all = caller.data().projects().stream()
                .filter(p -> !action.equals("create") || p.canCreateIssues(caller.user())).toList();
        int startAt = Paging.intParam(ctx, "startAt", 0);
        int maxResults = Math.min(PROJECT_PAGE_MAX, Math.max(1, Paging.intParam(ctx, "maxResults", 50)));
        JsonArray values = new JsonArray();
        all.stream().skip(startAt).limit(maxResults).forEach(p -> values.add(projectJson(p, caller)));
        boolean isLast = startAt + maxResults >= all.size();
        JsonObject page = new JsonObject().put("self", caller.restBase() + "/project/search")
                .put("maxResults", maxResults).put("startAt", startAt).put("total", all.size()).put("isLast", isLast)
                .put("values", values);
        if (!isLast) {
            page.put("nextPage", caller.restBase() + "/project/search?startAt=" + (startAt + maxResults)
                    + "&maxResults=" + maxResults + "&action=" + action);
        }
        Responses.json(ctx, 200, page);
    }

    void issueTypes(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JiraProject project = project(ctx, caller);
        if (project == null) {
            return;
        }
        JsonArray types = new JsonArray();
        FieldCatalog.ISSUE_TYPES.forEach(t -> types.add(FieldCatalog.issueTypeJson(t, caller.restBase())));
        page(ctx, caller, caller.dialect().isCloud() ? "issueTypes" : "values", types, CREATEMETA_PAGE_MAX);
    }

    void fields(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JiraProject project = project(ctx, caller);
        if (project == null) {
            return;
        }
        String typeId = ctx.pathParam("issueTypeId");
        FieldCatalog.IssueType type = FieldCatalog.ISSUE_TYPES.stream().filter(t -> t.id().equals(typeId))
                .findFirst().orElse(null);
        if (type == null) {
            Responses.jiraError(ctx, 404, "The issue type with id '" + typeId + "' does not exist.");
            return;
        }
        JsonArray fields = new JsonArray();
        FieldCatalog.createFields(type, project).forEach(fields::add);
        page(ctx, caller, caller.dialect().isCloud() ? "fields" : "values", fields,
                caller.dialect().isCloud() ? CREATEMETA_PAGE_MAX : DC_CREATEMETA_FIELDS_PAGE_MAX);
    }

    /**
     * One page of create metadata: {@code startAt}, {@code maxResults} (default 50; above 200 refused,
     * a simulator strictness), at most {@code cap} items. Data Center adds {@code isLast}.
     */
    private static void page(RoutingContext ctx, RestCaller caller, String listName, JsonArray items, int cap) {
        int startAt = Paging.intParam(ctx, "startAt", 0);
        int requested = Paging.intParam(ctx, "maxResults", 50);
        if (requested > CREATEMETA_PAGE_MAX) {
            Responses.jiraError(ctx, 400, "The maxResults parameter must be between 0 and " + CREATEMETA_PAGE_MAX + ".");
            return;
        }
        int maxResults = Math.min(cap, Math.max(1, requested));
        JsonArray values = new JsonArray();
        items.stream().skip(startAt).limit(maxResults).forEach(values::add);
        JsonObject page = new JsonObject().put("maxResults", maxResults).put("startAt", startAt).put("total", items.size());
        if (!caller.dialect().isCloud()) {
            page.put("isLast", startAt + maxResults >= items.size());
        }
        Responses.json(ctx, 200, page.put(listName, values));
    }

    private static JiraProject project(RoutingContext ctx, RestCaller caller) {
        String idOrKey = ctx.pathParam("projectIdOrKey");
        JiraProject project = caller.data().project(idOrKey).orElse(null);
        if (project == null) {
            Responses.jiraError(ctx, 404, "No project could be found with key '" + idOrKey + "'.");
        }
        return project;
    }

    static JsonObject projectJson(JiraProject project, RestCaller caller) {
        JsonObject json = new JsonObject().put("self", caller.restBase() + "/project/" + project.id())
                .put("id", project.id()).put("key", project.key()).put("name", project.name())
                .put("projectTypeKey", "software");
        if (caller.dialect().isCloud()) {
            json.put("simplified", false).put("style", "classic").put("isPrivate", false);
        } else {
            json.put("archived", false);
        }
        return json;
    }
}
