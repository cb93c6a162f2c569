package io.testbridge.oauth;

import io.testbridge.db.ListenedCache;
import io.testbridge.db.NotificationListener;
import io.testbridge.db.Notifications;
import io.testbridge.jira.AccessToken;
import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Users' decrypted access tokens, kept in this node's memory until they expire, so a warm Jira call
 * reads nothing from the database. They are never logged ({@link AccessToken#toString()} hides the
 * value) and never leave the JVM. PostgreSQL announces every committed change that could make a
 * kept token wrong on {@value #CHANNEL} (migration V11): a token refreshed, marked for
 * re-authentication or deleted (a disconnect, a disabled user, an instance removed), or any change
 * to a client or connection, so a disconnect on one node stops the token's use on every node. The
 * oauth module's own writes forget at once ({@link #forget}). Runs on the oauth verticle's context.
 */
final class KeptTokens {
    static final String CHANNEL = "testbridge_oauth_token_changes";
    private static final int LIMIT = 20_000;

    /** A usable token and what deciding to use it again needs. */
    record Kept(AccessToken token, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
        Kept used(OffsetDateTime at) {
            return new Kept(token, expiresAt, at);
        }
    }

    /** Whose token, for which instance. */
    private record Key(long instanceId, long userId) {
    }

    private final NotificationListener listener;
    private final ListenedCache<Key, Kept> tokens;

    /** Create on the oauth verticle's context: announcements arrive there. */
    KeptTokens(Notifications notifications) {
        this.listener = notifications.listen(CHANNEL, this::changed, this::forgetAll);
        this.tokens = new ListenedCache<>(listener::listening, LIMIT);
    }

    void close() {
        listener.close();
    }

    Future<Kept> get(long instanceId, long userId, Predicate<Kept> usable, Supplier<Future<Kept>> load) {
        return tokens.get(new Key(instanceId, userId), usable, load);
    }

    void used(long instanceId, long userId, Kept kept, OffsetDateTime at) {
        tokens.replace(new Key(instanceId, userId), kept.used(at));
    }

    void forget(long instanceId, long userId) {
        tokens.forget(new Key(instanceId, userId));
    }

    void forgetUser(long userId) {
        tokens.forgetIf((key, kept) -> key.userId() == userId);
    }

    void forgetInstance(long instanceId) {
        tokens.forgetIf((key, kept) -> key.instanceId() == instanceId);
    }

    void forgetAll() {
        tokens.forgetAll();
    }

    /** {@code <instance id>:<user id>}, or {@code *} for everything. */
    private void changed(String payload) {
        if (payload.matches("\\d{1,19}:\\d{1,19}")) {
            int colon = payload.indexOf(':');
            try {
                forget(Long.parseLong(payload.substring(0, colon)), Long.parseLong(payload.substring(colon + 1)));
                return;
            } catch (NumberFormatException beyondLong) {
                // not an id of ours: trust nothing kept, as for "*"
            }
        }
        forgetAll();
    }
}
