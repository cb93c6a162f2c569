package io.testbridge.jira;

/** Where a Jira instance runs; decides the OAuth endpoints and the REST API version. */
public enum Deployment {
    CLOUD,
    DATA_CENTER
}
