package io.testbridge.jira;

import io.vertx.core.Future;

/**
 * Where the Jira client gets a user's access token (the OAuth module provides it). The client
 * knows nothing of how tokens are stored, refreshed or shared between nodes.
 */
public interface TokenSource {
    /**
     * A token of {@code userId} for the site, refreshed first if it is about to expire; fails with
     * {@link JiraAuthRequired} when the user has to authenticate with Jira first.
     */
    Future<AccessToken> usable(long userId, JiraSite site);

    /** Jira answered 401 to the token of {@code staleVersion}: a fresh one (refreshed once across all callers and nodes). */
    Future<AccessToken> refreshAfterUnauthorized(long userId, JiraSite site, long staleVersion);
}
