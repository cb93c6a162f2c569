package io.testbridge.jirasim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Jira's timestamp format, e.g. 2024-01-31T10:15:30.000+0000. */
final class JiraTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private JiraTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
