package io.testbridge.bus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a module's door: an interface whose every method is a request/reply call over the event
 * bus to the verticle that owns the module ({@link Doors}). Each method answers a {@code Future};
 * method {@code m} of door {@code testbridge.<module>} is served at {@code testbridge.<module>.m}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Door {
    /** The address prefix, {@code testbridge.<module>} (see {@link EventAddresses}). */
    String value();

    /** How long a caller waits for an answer before its call fails; every call has one. */
    long timeoutSeconds();

    /** A longer wait for one method (one that calls Jira, which may retry and honour Retry-After). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Timeout {
        long seconds();
    }
}
