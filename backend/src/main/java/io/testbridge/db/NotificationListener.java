package io.testbridge.db;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgChannel;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One module's channel on the node's LISTEN connection ({@link Notifications#listen}), delivering on
 * the module's own context. A node that was not listening may have missed notifications; until the
 * channel is subscribed again, {@link #listening()} is false, and its owner must not trust a cache.
 */
public final class NotificationListener {
    private final Notifications notifications;
    private final PgChannel channel;
    private final String channelName;
    /** The count of connection losses when this channel was last subscribed; -1 before that, or once closed. */
    private volatile long subscribedAfterLosses = -1;

    NotificationListener(Notifications notifications, PgChannel channel, String channelName, Consumer<String> onNotification,
                         Runnable onSubscribed) {
        this.notifications = notifications;
        this.channel = channel;
        this.channelName = channelName;
        Context owner = Objects.requireNonNull(Vertx.currentContext(), "listen from the owning verticle's context");
        channel.subscribeHandler(done -> {
            long losses = notifications.losses();
            owner.runOnContext(run -> {
                // a loss between the subscription and now: the next subscription will tell
                if (losses == notifications.losses()) {
                    onSubscribed.run();
                    subscribedAfterLosses = losses;
                    notifications.reconnected();
                }
            });
        });
        channel.handler(payload -> owner.runOnContext(run -> onNotification.accept(payload)));
    }

    /** True while notifications sent by any node reach this one. */
    public boolean listening() {
        return subscribedAfterLosses == notifications.losses();
    }

    /** Stops listening (the owner is going away). */
    public void close() {
        subscribedAfterLosses = -1;
        channel.handler(null);
    }

    @Override
    public String toString() {
        return "NotificationListener[" + channelName + "]";
    }
}
