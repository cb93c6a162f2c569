package io.testbridge.jirasim;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's only source of time. Every expiry (authorization codes, access tokens, refresh
 * token leeway, inactivity and absolute expiry) reads this clock, so tests age tokens with
 * {@link #advance(Duration)} instead of sleeping.
 *
 * <p>By default it follows the wall clock plus an offset (so a demo behaves in real time); a frozen
 * clock can be made with {@link #frozenAt(Instant)}.
 */
public final class SimClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Instant frozenBase;

    private SimClock(Instant frozenBase) {
        this.frozenBase = frozenBase;
    }

    /** A clock that follows real time, shifted by whatever has been advanced. */
    public static SimClock system() {
        return new SimClock(null);
    }

    /** A clock that stands still at {@code instant} until advanced. */
    public static SimClock frozenAt(Instant instant) {
        return new SimClock(instant);
    }

    public Instant now() {
        Instant base = frozenBase != null ? frozenBase : Instant.now();
        return base.plus(offset.get());
    }

    /** Moves time forward (or backward with a negative duration) for everything in the simulator. */
    public Instant advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
        return now();
    }

    /** How far this clock has been moved away from its base. */
    public Duration offset() {
        return offset.get();
    }
}
