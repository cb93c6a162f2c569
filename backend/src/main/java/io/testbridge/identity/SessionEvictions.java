package io.testbridge.identity;

import io.testbridge.db.NotificationListener;
import io.testbridge.db.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Tells every node to drop cached sessions (a logout, a user disabled, new roles or password)
 * through PostgreSQL LISTEN/NOTIFY. A node that is not listening (still starting, or its listening
 * connection lost) could miss an eviction, so it must not cache; when it listens again it drops
 * everything it cached.
 */
final class SessionEvictions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvictions.class);
    static final String CHANNEL = "testbridge_session_evictions";

    private final Pool pool;
    private final NotificationListener listener;

    /** @param evict what to do with an eviction (this node's own included); {@code dropEverything} after a (re)subscription */
    SessionEvictions(Notifications notifications, Pool pool, Consumer<String> evict, Runnable dropEverything) {
        this.pool = pool;
        this.listener = notifications.listen(CHANNEL, evict, dropEverything);
    }

    /** True while evictions announced by any node reach this one. */
    boolean listening() {
        return listener.listening();
    }

    /** Announces an eviction to every node (this one too); a failure is logged, since caches also expire. */
    Future<Void> announce(String eviction) {
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
