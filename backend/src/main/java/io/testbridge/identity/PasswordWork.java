package io.testbridge.identity;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * Runs Argon2 with bounded memory. Each computation holds {@link #BYTES_PER_HASH}; run unbounded on
 * the worker pool, a burst of logins exhausts the heap. At most {@link #slots()} run at once (sized
 * so they use a quarter of the heap at most), a bounded line waits up to {@link #MAX_WAIT}, and the
 * rest is refused with 503 and Retry-After. It lives on the identity verticle's context, so its
 * counters are plain fields.
 */
final class PasswordWork {
    /** Argon2's memory (m=19456 KiB) plus the per-block object overhead of BouncyCastle's implementation. */
    static final long BYTES_PER_HASH = PasswordHasher.MEMORY_KIB * 1024L * 21 / 20;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final int WAITING_PER_SLOT = 64;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final PasswordHasher hasher = new PasswordHasher();
    private final Vertx vertx;
    private final Metrics metrics;
    private final int slots;
    private final WorkerExecutor executor;
    private final ArrayDeque<Job<?>> waiting = new ArrayDeque<>();
    private int running;

    PasswordWork(Vertx vertx, Metrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.slots = slotsFor(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        this.executor = vertx.createSharedWorkerExecutor("testbridge-argon2", slots);
    }

    /** As many computations as fit in a quarter of the heap, no more than there are cores (it is CPU-bound), at least one. */
    static int slotsFor(long maxHeapBytes, int processors) {
        long fit = maxHeapBytes / 4 / BYTES_PER_HASH;
        return (int) Math.max(1, Math.min(fit, processors));
    }

    int slots() {
        return slots;
    }

    /** A new hash of a password; fails with 503 if no slot frees up in time. */
    Future<String> hash(String password) {
        return submit(() -> hasher.hash(password));
    }

    /** Checks a password against a stored hash (each check is counted); fails with 503 if no slot frees up in time. */
    Future<Boolean> verify(String password, String encoded) {
        return submit(() -> {
            metrics.passwordVerified();
            return hasher.verify(password, encoded);
        });
    }

    private <T> Future<T> submit(Callable<T> work) {
        Job<T> job = new Job<>(work, Promise.promise());
        if (running < slots) {
            start(job);
        } else if (waiting.size() >= slots * WAITING_PER_SLOT) {
            refuse(job);
        } else {
            waiting.add(job);
            job.timer = vertx.setTimer(MAX_WAIT.toMillis(), id -> {
                if (waiting.remove(job)) {
                    refuse(job);
                }
            });
        }
        return job.promise.future();
    }

    Future<Void> close() {
        return executor.close();
    }

    private <T> void start(Job<T> job) {
        running++;
        executor.executeBlocking(job.work, false).onComplete(result -> {
            running--;
            Job<?> next = waiting.poll();
            if (next != null) {
                vertx.cancelTimer(next.timer);
                start(next);
            }
            job.promise.handle(result);
        });
    }

    private void refuse(Job<?> job) {
        metrics.passwordWorkRefused();
        job.promise.fail(new Failure(ErrorCode.UNAVAILABLE,
                "Too many logins at once; try again in a few seconds.", null, RETRY_AFTER));
    }

    private static final class Job<T> {
        final Callable<T> work;
        final Promise<T> promise;
        long timer;

        Job(Callable<T> work, Promise<T> promise) {
            this.work = work;
            this.promise = promise;
        }
    }
}
