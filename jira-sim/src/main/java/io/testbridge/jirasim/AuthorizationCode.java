package io.testbridge.jirasim;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A code handed out on consent: single-use, short-lived, bound to client and redirect_uri. */
final class AuthorizationCode {

    final String value;
    final OAuthClientRegistration client;
    final String redirectUri;
    final SimUser user;
    final Set<String> scopes;
    final List<CloudSite> sites;
    final String codeChallenge;
    final Instant expiresAt;
    boolean redeemed;

    AuthorizationCode(String value, OAuthClientRegistration client, String redirectUri, SimUser user,
            Set<String> scopes, List<CloudSite> sites, String codeChallenge, Instant expiresAt) {
        this.value = value;
        this.client = client;
        this.redirectUri = redirectUri;
        this.user = user;
        this.scopes = Set.copyOf(scopes);
        this.sites = List.copyOf(sites);
        this.codeChallenge = codeChallenge;
        this.expiresAt = expiresAt;
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
