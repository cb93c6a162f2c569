package io.testbridge.jirasim;

/**
 * How the Cloud gateway answers a token that lacks the scope an operation needs.
 * JIRA.md and issue 3 specify 403; Atlassian community reports show the gateway actually answering
 * 401 {"code":401,"message":"Unauthorized; scope does not match"}. Both can be simulated.
 */
public enum ScopeMismatchAnswer {
    FORBIDDEN_403,
    GATEWAY_401
}
