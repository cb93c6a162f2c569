package io.testbridge.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * For what another node, or a listener, learns a moment after a commit (a NOTIFY's announcement):
 * reads again until the value is the expected one, within a bound, and hands back the last value
 * read, for the test to assert on. Never a sleep: each read is the check.
 */
public final class Soon {
    private static final Duration BOUND = Duration.ofSeconds(5);

    private Soon() {
    }

    /** The value once it equals {@code expected}, or the last one read after 5 s. */
    public static <T> T value(Supplier<T> read, T expected) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        T value;
        do {
            value = read.get();
        } while (!Objects.equals(value, expected) && System.nanoTime() < deadline);
        return value;
    }
}
