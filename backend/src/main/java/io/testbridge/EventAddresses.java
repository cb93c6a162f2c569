package io.testbridge;

/** Every event-bus address, in one place: commands {@code testbridge.<module>.<verb>}, events {@code testbridge.<module>.events.<past-tense>}. */
public final class EventAddresses {
    /** An OAuth history row was committed (body: id, instanceId, eventType, outcome). */
    public static final String AUDIT_RECORDED = "testbridge.audit.events.recorded";
    /** A user's sessions or rights changed (body: the user id, or -1 for "any user", e.g. a role changed). */
    public static final String USER_ACCESS_CHANGED = "testbridge.users.events.access-changed";

    private EventAddresses() {
    }
}
