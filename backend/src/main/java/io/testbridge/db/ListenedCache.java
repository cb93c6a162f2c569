package io.testbridge.db;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a module read from PostgreSQL, kept on this node until a committed change is announced
 * ({@link NotificationListener}): the one way Testbridge caches rows that any node may change.
 * Three rules keep it true. Nothing is cached, nor answered from the cache, while the node is not
 * listening (it could miss an announcement); its owner forgets everything when it listens again. A
 * look-up that raced with a change (any {@code forget} while it was out) is answered but not kept.
 * The node that made a change forgets it at once, so nobody's next request misses their own change.
 * Used on its owner's context only, so the map is plain.
 */
public final class ListenedCache<K, V> {
    private final Map<K, V> entries = new HashMap<>();
    private final BooleanSupplier listening;
    private final int limit;
    /** Counts changes, so that a look-up that raced with one does not keep what it read before it. */
    private long changes;

    /** @param limit entries kept; past it everything is dropped (what people use comes back in one look-up) */
    public ListenedCache(BooleanSupplier listening, int limit) {
        this.listening = listening;
        this.limit = limit;
    }

    /**
     * The kept value while {@code usable} says so, else what {@code load} reads: kept when no change
     * raced with it; null (nothing found) is never kept, and drops what was.
     */
    public Future<V> get(K key, Predicate<V> usable, Supplier<Future<V>> load) {
        V kept = listening.getAsBoolean() ? entries.get(key) : null;
        if (kept != null && usable.test(kept)) {
            return Future.succeededFuture(kept);
        }
        long changesBefore = changes;
        return load.get().onSuccess(loaded -> {
            if (loaded == null) {
                entries.remove(key);
            } else if (listening.getAsBoolean() && changes == changesBefore) {
                if (entries.size() >= limit) {
                    entries.clear();
                }
                entries.put(key, loaded);
            }
        });
    }

    public Future<V> get(K key, Supplier<Future<V>> load) {
        return get(key, value -> true, load);
    }

    /** Replaces a kept value with a newer one of the same row (e.g. when it was last used); no-op when nothing is kept. */
    public void replace(K key, V value) {
        entries.replace(key, value);
    }

    public void forget(K key) {
        changes++;
        entries.remove(key);
    }

    public void forgetIf(BiPredicate<K, V> matches) {
        changes++;
        entries.entrySet().removeIf(entry -> matches.test(entry.getKey(), entry.getValue()));
    }

    public void forgetAll() {
        changes++;
        entries.clear();
    }
}
