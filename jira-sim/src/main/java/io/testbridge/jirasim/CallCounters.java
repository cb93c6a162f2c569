package io.testbridge.jirasim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every call received, keyed "METHOD /path" (no query string), including calls answered by an
 * injected fault. Refresh calls per token family are in {@link TokenFamilyView#refreshCalls()}.
 */
public final class CallCounters {

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    void record(String method, String path) {
        calls.computeIfAbsent(method + " " + path, key -> new AtomicLong()).incrementAndGet();
    }

    public long count(String method, String path) {
        AtomicLong count = calls.get(method + " " + path);
        return count == null ? 0 : count.get();
    }

    /** Calls of any method whose path starts with {@code pathPrefix}. */
    public long countWithPrefix(String pathPrefix) {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(pathPrefix))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((key, value) -> copy.put(key, value.get()));
        return copy;
    }

    void reset() {
        calls.clear();
    }
}
