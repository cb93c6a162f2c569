package io.testbridge.integrations;

import io.testbridge.db.ListenedCache;
import io.testbridge.db.NotificationListener;
import io.testbridge.db.Notifications;
import io.testbridge.shared.EncodedJson;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * The instances as this node last read them — pages of the integrations list, encoded once, and
 * single instances, which every Jira call asks for — kept until anything they show changes:
 * PostgreSQL announces every committed change to jira_instances or oauth_connections on
 * {@value #CHANNEL} (statement triggers, migration V10), so a change made by any node, through any
 * code path, reaches every node ({@link ListenedCache} has the rules). Changes made through this
 * node are dropped at once by the writer ({@link #forget}).
 */
final class InstanceCache {
    static final String CHANNEL = "testbridge_integrations_list_changes";
    /** Filters people type are many; what they reload is a few pages. */
    private static final int PAGE_LIMIT = 256;
    private static final int INSTANCE_LIMIT = 4_096;

    private final NotificationListener listener;
    private final ListenedCache<String, EncodedJson> pages;
    private final ListenedCache<Long, JiraInstance> instances;

    /** Create on the integrations verticle's context: announcements arrive there. */
    InstanceCache(Notifications notifications) {
        this.listener = notifications.listen(CHANNEL, table -> forget(), this::forget);
        this.pages = new ListenedCache<>(listener::listening, PAGE_LIMIT);
        this.instances = new ListenedCache<>(listener::listening, INSTANCE_LIMIT);
    }

    void close() {
        listener.close();
    }

    /** The kept page, or what {@code load} reads. */
    Future<EncodedJson> page(String filter, int page, int pageSize, Supplier<Future<EncodedJson>> load) {
        return pages.get(page + "/" + pageSize + "/" + filter, load);
    }

    /** The kept instance, or what {@code load} reads (a missing one is a failure, never kept). */
    Future<JiraInstance> instance(long id, Supplier<Future<JiraInstance>> load) {
        return instances.get(id, load);
    }

    /** Something an instance shows changed: nothing kept before now is answered again. */
    void forget() {
        pages.forgetAll();
        instances.forgetAll();
    }
}
