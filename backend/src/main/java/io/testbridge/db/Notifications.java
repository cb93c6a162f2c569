package io.testbridge.db;

import io.testbridge.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This node's one LISTEN connection to PostgreSQL, reconnecting for as long as it takes: how the
 * nodes of one installation tell each other things through the database they already share, with
 * no other service. Every module's channel rides on it ({@link #listen}), so a node opens (and
 * authenticates) one connection for all of them rather than one per module, which start-up felt.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final PgSubscriber subscriber;
    /** Counts losses of the connection, so a subscription made before a loss is not believed after it. */
    private final AtomicLong losses = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closed;
    private final Vertx vertx;

    public Notifications(Vertx vertx, DatabaseUrl url) {
        this.vertx = vertx;
        this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(url)).reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
        subscriber.closeHandler(closed -> {
            if (connected) {
                LOG.warn("event=notifications_not_listening reason=connection_closed");
            }
            connected = false;
            losses.incrementAndGet();
        });
    }

    /**
     * Opens the connection, trying again every second until it is open (later losses reconnect by
     * themselves); completes once it is.
     */
    public Future<Void> connect() {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("closed"));
        }
        return subscriber.connect().onSuccess(done -> connected = true).recover(failure -> {
            if (closed) {
                return Future.failedFuture(failure);
            }
            LOG.warn("event=notifications_not_listening reason={}", DatabaseErrors.rootMessage(failure));
            io.vertx.core.Promise<Void> again = io.vertx.core.Promise.promise();
            vertx.setTimer(RECONNECT_DELAY_MS, id -> connect().onComplete(again));
            return again.future();
        });
    }

    /** The channels were subscribed again after a loss: the connection is back. */
    void reconnected() {
        connected = true;
    }

    public Future<Void> close() {
        closed = true;
        connected = false;
        losses.incrementAndGet();
        return subscriber.close();
    }

    /**
     * Listens to {@code channel} for the calling verticle: notifications and {@code onSubscribed}
     * (run at every (re)subscription, so the owner can make up for what it may have missed) run on
     * the caller's context, so the owner's state is only touched there.
     */
    public NotificationListener listen(String channel, Consumer<String> onNotification, Runnable onSubscribed) {
        return new NotificationListener(this, subscriber.channel(channel), channel, onNotification, onSubscribed);
    }

    long losses() {
        return losses.get();
    }

    /** Sends a notification to every listening node (this one too), when {@code client}'s transaction commits. */
    public static Future<Void> send(SqlClient client, String channel, String payload) {
        return client.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, payload)).mapEmpty();
    }
}
