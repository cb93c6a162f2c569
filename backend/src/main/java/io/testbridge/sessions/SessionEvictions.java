package io.testbridge.sessions;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Tells every node to drop cached sessions (a logout, a user disabled, new roles or password) through
 * PostgreSQL LISTEN/NOTIFY on the database the nodes already share, so no other service is needed.
 * A node that is not listening (still starting, or its listening connection lost) could miss an
 * eviction, so it must not cache; when it listens again it is told to drop everything.
 */
public final class SessionEvictions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvictions.class);
    static final String CHANNEL = "testbridge_session_evictions";
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final Pool pool;
    private final PgSubscriber subscriber;
    private volatile boolean listening;

    public SessionEvictions(Vertx vertx, Pool pool, DatabaseUrl url) {
        this.pool = pool;
        this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(url))
                .reconnectPolicy(attempt -> RECONNECT_DELAY_MS); // for as long as it takes
        subscriber.closeHandler(closed -> {
            if (listening) {
                LOG.warn("event=session_evictions_not_listening reason=connection_closed");
            }
            listening = false;
        });
    }

    /**
     * Registers what to do with an eviction (this node's own included) and, on every (re)subscription,
     * with the fact that some may have been missed. Call before {@link #connect()}.
     */
    void onEviction(Consumer<String> evict, Runnable dropEverything) {
        PgChannel channel = subscriber.channel(CHANNEL);
        channel.subscribeHandler(subscribed -> {
            dropEverything.run();
            listening = true;
        });
        channel.handler(evict::accept);
    }

    /** Starts listening; fails if PostgreSQL cannot be reached now (later losses reconnect by themselves). */
    public Future<Void> connect() {
        return subscriber.connect();
    }

    /** True while evictions announced by any node reach this one. */
    boolean listening() {
        return listening;
    }

    /** Announces an eviction to every node (this one too); a failure is logged, since caches also expire. */
    Future<Void> announce(String eviction) {
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, eviction))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("event=session_eviction_not_announced reason={}", e.getMessage());
                    return Future.succeededFuture();
                });
    }

    public Future<Void> close() {
        listening = false;
        return subscriber.close();
    }
}
