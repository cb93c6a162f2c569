package io.testbridge.integrations;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.NotificationListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.testbridge.shared.EncodedJson;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pages of the integrations list this node answered, encoded once, reused until anything they show changes:
 * PostgreSQL announces every committed change to jira_instances or oauth_connections on
 * {@value #CHANNEL} (statement triggers, migration V10), so a change made by any node, through any
 * code path, reaches every node. A node that is not listening (still starting, or its listening
 * connection lost) could miss one, so it does not cache; when it listens again it starts afresh.
 * Changes made through this node are dropped at once by the writer ({@link #forget}), so a person
 * never reloads the list and misses their own change. Runs on the integrations verticle's context
 * only, so the map is plain.
 */
final class InstanceListCache {
    static final String CHANNEL = "testbridge_integrations_list_changes";
    /** Filters people type are many; what they reload is a few pages. */
    private static final int LIMIT = 256;

    private final Map<String, EncodedJson> pages = new HashMap<>();
    private final NotificationListener listener;
    /** Counts changes, so that a look-up that raced with one does not cache what it read before it. */
    private long changes;

    InstanceListCache(Vertx vertx, DatabaseUrl url) {
        this.listener = new NotificationListener(vertx, url, CHANNEL, table -> forget(), this::forget);
    }

    Future<Void> connect() {
        return listener.connect();
    }

    Future<Void> close() {
        return listener.close();
    }

    /** The cached page, or what {@code load} reads (cached when no change raced with it). */
    Future<EncodedJson> page(String filter, int page, int pageSize, Supplier<Future<EncodedJson>> load) {
        String key = page + "/" + pageSize + "/" + filter;
        EncodedJson cached = listener.listening() ? pages.get(key) : null;
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        long changesBefore = changes;
        return load.get().onSuccess(loaded -> {
            if (listener.listening() && changes == changesBefore) {
                if (pages.size() >= LIMIT) {
                    pages.clear();
                }
                pages.put(key, loaded);
            }
        });
    }

    /** Something the list shows changed: nothing cached before now is answered again. */
    void forget() {
        changes++;
        pages.clear();
    }
}
