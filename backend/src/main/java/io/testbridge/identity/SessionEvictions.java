package io.testbridge.identity;

import io.testbridge.db.NotificationListener;
import io.testbridge.db.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells every node to drop cached principals (a logout, a user disabled, new roles or password, an
 * API token revoked) through PostgreSQL LISTEN/NOTIFY. A node that is not listening (still starting,
 * or its listening connection lost) could miss an eviction, so it must not cache; when it listens
 * again it drops everything it cached. The session cache and the API token cache both subscribe;
 * each ignores what names the other's entries.
 */
final class SessionEvictions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvictions.class);
    static final String CHANNEL = "testbridge_session_evictions";

    private final Pool pool;
    private final NotificationListener listener;
    private final List<Consumer<String>> evictors = new ArrayList<>();
    private final List<Runnable> droppers = new ArrayList<>();

    /** Create on the identity verticle's context: evictions heard from other nodes arrive there. */
    SessionEvictions(Notifications notifications, Pool pool) {
        this.pool = pool;
        this.listener = notifications.listen(CHANNEL, eviction -> evictors.forEach(evict -> evict.accept(eviction)),
                () -> droppers.forEach(Runnable::run));
    }

    /** @param evict what to do with an eviction (this node's own included); {@code dropEverything} after a (re)subscription */
    void subscribe(Consumer<String> evict, Runnable dropEverything) {
        evictors.add(evict);
        droppers.add(dropEverything);
    }

    /** True while evictions announced by any node reach this one. */
    boolean listening() {
        return listener.listening();
    }

    /**
     * Evicts on this node at once (so the change's own answer comes after it took effect here), then
     * announces it to every node (this one hears it again, harmlessly); a failure to announce is
     * logged, since caches also expire.
     */
    Future<Void> announce(String eviction) {
        evictors.forEach(evict -> evict.accept(eviction));
        return Notifications.send(pool, CHANNEL, eviction)
                .recover(e -> {
                    LOG.warn("event=session_eviction_not_announced reason={}", e.getMessage());
                    return Future.succeededFuture();
                });
    }

    void close() {
        listener.close();
    }
}
