package io.testbridge.oauth;

/** Why a user went through Jira's consent page. */
public enum FlowPurpose {
    /** An administrator connects (or reconfigures) an instance with new client credentials. */
    ADMIN_CONNECT,
    /** A tester authenticates as themself on an already connected instance. */
    USER_AUTH
}
