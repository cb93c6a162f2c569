package io.testbridge.audit;

import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The log icon: an instance's OAuth history, filtered and paged, and its CSV export. */
public final class HistoryApi implements ApiModule {
    private final HistoryService history;
    private final IntegrationService integrations;

    public HistoryApi(HistoryService history, IntegrationService integrations) {
        this.history = history;
        this.integrations = integrations;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listHistory", ctx -> {
                    HistoryQuery query = query(ctx);
                    ApiResponses.reply(ctx, 200, integrations.get(query.instanceId()).compose(instance ->
                            history.page(query, Requests.queryInt(ctx, "page", 1), Requests.queryInt(ctx, "pageSize", 50))));
                },
                "exportHistory", ctx -> {
                    HistoryQuery query = query(ctx);
                    integrations.get(query.instanceId()).compose(instance -> {
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"oauth-history-" + instance.id() + ".csv\"")
                                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                        return history.exportCsv(query, ctx.response());
                    }).onSuccess(done -> ctx.response().end()).onFailure(failure -> {
                        if (ctx.response().headWritten()) {
                            ctx.response().reset();
                        } else {
                            ctx.fail(failure);
                        }
                    });
                });
    }

    private static HistoryQuery query(RoutingContext ctx) {
        return HistoryQuery.of(Requests.pathLong(ctx, "instanceId"), Requests.queryString(ctx, "eventType", null),
                Requests.queryString(ctx, "user", null), Requests.queryString(ctx, "from", null), Requests.queryString(ctx, "to", null));
    }
}
