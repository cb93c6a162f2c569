package io.testbridge.bus;

/**
 * Every event-bus address, in one place. Doors (request/reply, {@link Door}) answer at
 * {@code <prefix>.<method>}; events are published at {@code testbridge.<module>.events.<past-tense>}.
 */
public final class EventAddresses {
    /** Users, roles, logins and sessions. */
    public static final String IDENTITY = "testbridge.identity";
    /** Registered Jira instances. */
    public static final String INTEGRATIONS = "testbridge.integrations";
    /** OAuth connections: administrators' and users' flows, the callback. */
    public static final String OAUTH = "testbridge.oauth";
    /** Users' Jira access tokens, for the Jira client. */
    public static final String OAUTH_TOKENS = "testbridge.oauth.tokens";
    /** The OAuth history, read side. */
    public static final String AUDIT = "testbridge.audit";
    /** Projects and the Issue module. */
    public static final String TESTMGMT = "testbridge.testmgmt";
    /** The test-case repository: folders, versioned cases, CSV files, suites. */
    public static final String TESTCASES = "testbridge.testcases";
    /** Test cycles, their execution, defects and evidence. */
    public static final String CYCLES = "testbridge.cycles";
    /** Automation results imported from CI (JUnit, TestNG, Cucumber reports). */
    public static final String AUTOMATION = "testbridge.automation";

    /** The backup module's door. */
    public static final String BACKUPS = "testbridge.backups";

    /**
     * An OAuth history row was committed, on any node (body: a JsonObject with id, instanceId,
     * eventType, outcome). Published on every node by its audit verticle, which hears the commit
     * from PostgreSQL; consumed by the live history streams of the HTTP layer.
     */
    public static final String AUDIT_RECORDED = "testbridge.audit.events.recorded";

    /**
     * An administrator disabled a user (body: a JsonObject with userId), published on the node that
     * committed it; the oauth module deletes the user's Jira tokens (its keep-alive catches a missed one).
     */
    public static final String USER_DISABLED = "testbridge.identity.events.user-disabled";

    private EventAddresses() {
    }
}
