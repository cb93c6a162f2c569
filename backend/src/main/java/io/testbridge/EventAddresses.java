package io.testbridge;

/** Every event-bus address, in one place: commands {@code testbridge.<module>.<verb>}, events {@code testbridge.<module>.events.<past-tense>}. */
public final class EventAddresses {
    /** An OAuth history row was committed (body: id, instanceId, eventType, outcome). */
    public static final String AUDIT_RECORDED = "testbridge.audit.events.recorded";
    /**
     * A user's sessions or rights changed: drop their cached sessions on every node (body: the user id,
     * or -1 for "any user", e.g. a role changed). Replies once done here and announced to other nodes.
     */
    public static final String SESSIONS_FORGET_USER = "testbridge.sessions.forget-user";

    private EventAddresses() {
    }
}
