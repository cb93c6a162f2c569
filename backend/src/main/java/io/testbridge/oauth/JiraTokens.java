package io.testbridge.oauth;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.jira.TokenSource;

/**
 * The oauth module's door for the Jira client: users' access tokens, refreshed once across all
 * callers and nodes. The timeout covers waiting behind another node's refresh and Jira's token endpoint.
 */
@Door(value = EventAddresses.OAUTH_TOKENS, timeoutSeconds = 60)
public interface JiraTokens extends TokenSource {
}
