package io.testbridge.db;

import io.testbridge.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Listens to one PostgreSQL NOTIFY channel on a connection of its own, reconnecting for as long as
 * it takes: how the nodes of one installation tell each other things through the database they
 * already share, with no other service. Create and {@link #connect()} it from the owning verticle,
 * so notifications arrive on that verticle's context. A node that was not listening may have missed
 * notifications; {@code onSubscribed} runs at every (re)subscription so its owner can make up for it.
 */
public final class NotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final String channelName;
    private final PgSubscriber subscriber;
    private final PgChannel channel;
    private boolean listening;

    public NotificationListener(Vertx vertx, DatabaseUrl url, String channelName, Consumer<String> onNotification, Runnable onSubscribed) {
        this.channelName = channelName;
        this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(url))
                .reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
        subscriber.closeHandler(closed -> {
            if (listening) {
                LOG.warn("event=notifications_not_listening channel={} reason=connection_closed", channelName);
            }
            listening = false;
        });
        this.channel = subscriber.channel(channelName);
        channel.subscribeHandler(subscribed -> {
            onSubscribed.run();
            listening = true;
        });
        channel.handler(onNotification::accept);
    }

    /** Starts listening; fails if PostgreSQL cannot be reached now (later losses reconnect by themselves). */
    public Future<Void> connect() {
        return subscriber.connect();
    }

    /** True while notifications sent by any node reach this one. */
    public boolean listening() {
        return listening;
    }

    public Future<Void> close() {
        listening = false;
        return subscriber.close();
    }

    /** Sends a notification to every listening node (this one too), when {@code client}'s transaction commits. */
    public static Future<Void> send(SqlClient client, String channel, String payload) {
        return client.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, payload)).mapEmpty();
    }

    @Override
    public String toString() {
        return "NotificationListener[" + channelName + "]";
    }
}
