package io.testbridge.backup;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When the daily backup is due: the latest slot (today's time, or yesterday's before it) not yet backed up. */
final class BackupSchedule {
    private BackupSchedule() {
    }

    /** The most recent moment the clock passed {@code at} in {@code zone}, at or before {@code now}. */
    static Instant latestSlot(LocalTime at, ZoneId zone, Instant now) {
        ZonedDateTime today = now.atZone(zone).with(at);
        return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
    }

    static Instant nextSlot(LocalTime at, ZoneId zone, Instant now) {
        return latestSlot(at, zone, now).atZone(zone).plusDays(1).toInstant();
    }

    /** The slot to back up now, if the latest one has no scheduled backup started at or after it. */
    static Optional<Instant> due(LocalTime at, ZoneId zone, Instant now, Optional<Instant> lastScheduledStart) {
        Instant slot = latestSlot(at, zone, now);
        return lastScheduledStart.isPresent() && !lastScheduledStart.get().isBefore(slot) ? Optional.empty() : Optional.of(slot);
    }
}
