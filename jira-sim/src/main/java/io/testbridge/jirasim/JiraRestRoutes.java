package io.testbridge.jirasim;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The Jira REST subset Testbridge uses, mounted once per flavour: Cloud v3 under the gateway and
 * Data Center v2 under each instance. Each route: (body) → authentication → scope check → handler.
 */
final class JiraRestRoutes {

    private final RestDialect dialect;
    private final MetaResource meta;
    private final IssueResource issues;
    private final SearchResource search;

    JiraRestRoutes(SimContext sim, RestDialect dialect) {
        this.dialect = dialect;
        this.meta = new MetaResource(sim);
        this.issues = new IssueResource(sim);
        this.search = new SearchResource(sim);
    }

    void mount(Router router, String prefix, Handler<RoutingContext> authenticate) {
        Routes routes = new Routes(router, prefix, authenticate);
        routes.add(HttpMethod.GET, "/myself", RestDialect.Need.READ_USER, meta::myself);
        routes.add(HttpMethod.GET, "/user/search", RestDialect.Need.READ_USER, meta::userSearch);
        routes.add(HttpMethod.GET, "/user/assignable/search", RestDialect.Need.READ_USER, meta::assignableSearch);
        routes.add(HttpMethod.GET, "/project", RestDialect.Need.READ_WORK, meta::projects);
        routes.add(HttpMethod.GET, "/issue/createmeta/:projectIdOrKey/issuetypes", RestDialect.Need.READ_WORK,
                meta::issueTypes);
        routes.add(HttpMethod.GET, "/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId",
                RestDialect.Need.READ_WORK, meta::fields);
        routes.add(HttpMethod.POST, "/issue", RestDialect.Need.WRITE_WORK, issues::create);
        routes.add(HttpMethod.GET, "/issue/:issueIdOrKey", RestDialect.Need.READ_WORK, issues::get);
        routes.add(HttpMethod.GET, "/issue/:issueIdOrKey/remotelink", RestDialect.Need.READ_WORK,
                issues::remoteLinks);
        routes.add(HttpMethod.POST, "/issue/:issueIdOrKey/remotelink", RestDialect.Need.WRITE_WORK,
                issues::addRemoteLink);
        routes.add(HttpMethod.POST, "/issue/:issueIdOrKey/attachments", RestDialect.Need.WRITE_WORK,
                issues::addAttachments, IssueResource.attachmentBody());
        if (dialect.isCloud()) {
            routes.add(HttpMethod.POST, "/issue/bulkfetch", RestDialect.Need.READ_WORK, issues::bulkFetch);
            routes.add(HttpMethod.GET, "/project/search", RestDialect.Need.READ_WORK, meta::projectSearch);
            routes.add(HttpMethod.GET, "/search/jql", RestDialect.Need.READ_WORK, search::cloudSearch);
            routes.add(HttpMethod.POST, "/search/jql", RestDialect.Need.READ_WORK, search::cloudSearch);
            // The old search endpoint was removed from Cloud in favour of /search/jql.
            router.route(prefix + "/search").handler(ctx -> Responses.jiraError(ctx, 410,
                    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."));
        } else {
            routes.add(HttpMethod.GET, "/search", RestDialect.Need.READ_WORK, search::dcSearch);
            routes.add(HttpMethod.POST, "/search", RestDialect.Need.READ_WORK, search::dcSearch);
        }
    }

    private final class Routes {
        private final Router router;
        private final String prefix;
        private final Handler<RoutingContext> authenticate;

        Routes(Router router, String prefix, Handler<RoutingContext> authenticate) {
            this.router = router;
            this.prefix = prefix;
            this.authenticate = authenticate;
        }

        void add(HttpMethod method, String path, RestDialect.Need need, Handler<RoutingContext> handler) {
            add(method, path, need, handler, BodyHandler.create(false).setBodyLimit(1024 * 1024));
        }

        void add(HttpMethod method, String path, RestDialect.Need need, Handler<RoutingContext> handler,
                BodyHandler body) {
            var route = router.route(method, prefix + path);
            if (method == HttpMethod.POST) {
                route.handler(body);
            }
            route.handler(authenticate).handler(ctx -> {
                RestCaller caller = RestCaller.of(ctx);
                if (caller.dialect().grants(caller.scopes(), need)) {
                    ctx.next();
                } else {
                    caller.dialect().rejectMissingScope(ctx);
                }
            }).handler(handler);
        }
    }
}
