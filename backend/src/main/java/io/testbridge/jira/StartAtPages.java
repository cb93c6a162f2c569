package io.testbridge.jira;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a Jira list paged with {@code startAt}/{@code maxResults} to its end (Cloud's project search,
 * create metadata on both): a page is the last when it says {@code isLast}, or, without that, when
 * {@code total} is reached; an empty page ends it too.
 */
final class StartAtPages {
    /** A bound on what is read in full, so that a misbehaving server cannot keep us paging. */
    static final int MAX_ITEMS = 10_000;

    private StartAtPages() {
    }

    static Future<JsonArray> readAll(JiraClient jira, long userId, JiraSite instance, String path, Map<String, String> query,
                                     int pageSize, Function<JsonObject, JsonArray> itemsOf) {
        return next(jira, userId, instance, path, query, pageSize, itemsOf, new JsonArray());
    }

    private static Future<JsonArray> next(JiraClient jira, long userId, JiraSite instance, String path, Map<String, String> query,
                                          int pageSize, Function<JsonObject, JsonArray> itemsOf, JsonArray collected) {
        Map<String, String> paged = new LinkedHashMap<>(query);
        paged.put("startAt", Integer.toString(collected.size()));
        paged.put("maxResults", Integer.toString(pageSize));
        return jira.call(userId, instance, HttpMethod.GET, path, paged, null).compose(response -> {
            JsonObject page = response.bodyAsJsonObject();
            JsonArray items = itemsOf.apply(page);
            if (items == null || items.isEmpty()) {
                return Future.succeededFuture(collected);
            }
            collected.addAll(items);
            boolean last = page.containsKey("isLast") ? page.getBoolean("isLast", true)
                    : collected.size() >= page.getInteger("total", collected.size());
            return last || collected.size() >= MAX_ITEMS ? Future.succeededFuture(collected)
                    : next(jira, userId, instance, path, query, pageSize, itemsOf, collected);
        });
    }
}
