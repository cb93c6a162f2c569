package io.testbridge.jirasim;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything issued from one consent: the first token pair and every pair rotated from it. Revoking
 * the family revokes all of them, as Atlassian does on refresh-token reuse outside the leeway.
 */
final class TokenFamily {

    final String id;
    final OAuthClientRegistration client;
    final SimUser user;
    final Set<String> scopes;
    final List<CloudSite> sites;
    final String redirectUri;
    final Instant grantedAt;
    boolean revoked;
    String revokedReason;
    int refreshCalls;

    TokenFamily(String id, AuthorizationCode code, Instant grantedAt) {
        this.id = id;
        this.client = code.client;
        this.user = code.user;
        this.scopes = code.scopes;
        this.sites = code.sites;
        this.redirectUri = code.redirectUri;
        this.grantedAt = grantedAt;
    }

    boolean coversSite(String cloudId) {
        return sites.stream().anyMatch(site -> site.cloudId().equals(cloudId));
    }

    TokenFamilyView view(int liveAccessTokens) {
        return new TokenFamilyView(id, client.clientId(), client.isCloud() ? "cloud" : "dc-" + client.dcInstance(),
                user.accountId(), user.username(), List.copyOf(scopes),
                sites.stream().map(CloudSite::name).toList(), grantedAt, revoked, revokedReason, refreshCalls,
                liveAccessTokens);
    }
}
