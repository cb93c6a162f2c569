package io.testbridge.integrations;

import io.testbridge.jira.JiraVersion;

/** What probing a Jira base URL found. */
public sealed interface Identification {

    /** A Jira Cloud site and its cloud id (from {@code _edge/tenant_info}). */
    record CloudSite(String cloudId) implements Identification {
    }

    /** A Jira Data Center / Server and what {@code serverInfo} says of it. */
    record DataCenter(JiraVersion version, String versionText, String title) implements Identification {
    }

    /**
     * A Data Center / Server base URL whose {@code serverInfo} needs a login (SSO, REST API lock-down):
     * registered with its version unknown, confirmed through the first connection's token.
     */
    record DataCenterBehindLogin(String reason) implements Identification {
    }

    /** Nothing answered in time, or it answered with a server error: worth checking again later. */
    record Unreachable(String reason) implements Identification {
    }

    /** Something answered, but not as a Jira of this kind: the URL or the type is wrong. */
    record NotJira(String reason) implements Identification {
    }
}
