package io.testbridge.identity;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The rate limit of API tokens on this node: a token bucket per token, holding up to a minute's
 * requests and refilled evenly over the minute. Kept in memory on the identity verticle's context
 * only (a plain map); each node limits on its own, so N nodes behind a balancer allow up to N times
 * the limit. Only a token whose secret was checked takes from its bucket: someone who knows a
 * token's public id cannot use up its owner's limit.
 */
final class TokenBuckets {
    private static final int MAX_BUCKETS = 10_000;

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final Map<Long, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}) */
    TokenBuckets(int requestsPerMinute, LongSupplier nanoTime) {
        this.capacity = requestsPerMinute;
        this.perNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the token's bucket: empty when allowed, else how long until the next one is. */
    Optional<Duration> take(long tokenId) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(tokenId)) {
            forgetFull(now);
        }
        Bucket bucket = buckets.computeIfAbsent(tokenId, id -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * perNano);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
    }

    /** A full bucket is what a new one would be: forgetting it changes nothing. */
    private void forgetFull(long now) {
        buckets.values().removeIf(bucket -> bucket.tokens + (now - bucket.refilledAt) * perNano >= capacity);
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear(); // very many tokens busy at once: each starts afresh (a generous failure)
        }
    }
}
