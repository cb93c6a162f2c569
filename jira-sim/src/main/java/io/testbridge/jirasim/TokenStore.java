package io.testbridge.jirasim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Codes, token families and tokens of every simulated authorization server. All methods are
 * synchronized: HTTP handlers and test threads (through the control API) use it concurrently, and
 * rotation must be atomic for the reuse rules to mean anything.
 */
final class TokenStore {

    private final SimClock clock;
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, TokenFamily> families = new HashMap<>();
    private final Map<String, IssuedTokens.Access> accessTokens = new HashMap<>();
    private final Map<String, IssuedTokens.Refresh> refreshTokens = new HashMap<>();
    private int familySequence;

    /** Every code and token ever issued, so tests can scan their system under test for leaks. */
    private final java.util.List<String> issued = new java.util.ArrayList<>();

    TokenStore(SimClock clock) {
        this.clock = clock;
    }

    synchronized java.util.List<String> issuedValues() {
        return java.util.List.copyOf(issued);
    }

    synchronized AuthorizationCode issueCode(OAuthClientRegistration client, String redirectUri, SimUser user,
            Set<String> scopes, List<CloudSite> sites, String codeChallenge, Duration lifetime) {
        String value = SecureTokens.random(24);
        issued.add(value);
        AuthorizationCode code = new AuthorizationCode(value, client, redirectUri, user, scopes, sites,
                codeChallenge, clock.now().plus(lifetime));
        codes.put(value, code);
        return code;
    }

    private String remember(String value) {
        issued.add(value);
        return value;
    }

    /** Exchanges a code for the first token pair of a new family. */
    synchronized IssuedTokens.Pair redeemCode(String value, OAuthClientRegistration client, String redirectUri,
            String codeVerifier, RefreshPolicy policy) throws GrantFailure {
        AuthorizationCode code = value == null ? null : codes.get(value);
        if (code == null) {
            throw new GrantFailure(GrantFailure.Reason.CODE_UNKNOWN);
        }
        if (code.redeemed) {
            throw new GrantFailure(GrantFailure.Reason.CODE_REDEEMED);
        }
        if (code.isExpired(clock.now())) {
            throw new GrantFailure(GrantFailure.Reason.CODE_EXPIRED);
        }
        if (!code.client.clientId().equals(client.clientId())) {
            throw new GrantFailure(GrantFailure.Reason.CODE_OTHER_CLIENT);
        }
        if (!code.redirectUri.equals(redirectUri)) {
            throw new GrantFailure(GrantFailure.Reason.REDIRECT_URI_MISMATCH);
        }
        if (code.codeChallenge != null && !Pkce.verifies(code.codeChallenge, codeVerifier)) {
            throw new GrantFailure(GrantFailure.Reason.PKCE_MISMATCH);
        }
        code.redeemed = true;
        TokenFamily family = new TokenFamily("fam-" + (++familySequence), code, clock.now());
        families.put(family.id, family);
        return issuePair(family, policy);
    }

    /** Cloud: the refresh grant carries no redirect_uri. */
    IssuedTokens.Pair refresh(String value, OAuthClientRegistration client, RefreshPolicy policy)
            throws GrantFailure {
        return refresh(value, client, false, null, policy);
    }

    /** Data Center: the refresh grant must repeat the redirect_uri of the original authorization. */
    IssuedTokens.Pair refreshWithRedirectUri(String value, OAuthClientRegistration client, String redirectUri,
            RefreshPolicy policy) throws GrantFailure {
        return refresh(value, client, true, redirectUri, policy);
    }

    private synchronized IssuedTokens.Pair refresh(String value, OAuthClientRegistration client,
            boolean redirectUriRequired, String redirectUri, RefreshPolicy policy) throws GrantFailure {
        IssuedTokens.Refresh token = value == null ? null : refreshTokens.get(value);
        if (token == null) {
            throw new GrantFailure(GrantFailure.Reason.REFRESH_UNKNOWN);
        }
        TokenFamily family = token.family;
        family.refreshCalls++;
        if (!family.client.clientId().equals(client.clientId())) {
            throw new GrantFailure(GrantFailure.Reason.REFRESH_OTHER_CLIENT);
        }
        if (redirectUriRequired && redirectUri == null) {
            throw new GrantFailure(GrantFailure.Reason.REDIRECT_URI_MISSING);
        }
        if (redirectUriRequired && !redirectUri.equals(family.redirectUri)) {
            throw new GrantFailure(GrantFailure.Reason.REFRESH_REDIRECT_URI_MISMATCH);
        }
        if (family.revoked) {
            throw new GrantFailure(GrantFailure.Reason.REFRESH_REVOKED);
        }
        Instant now = clock.now();
        boolean pastAbsolute = policy.absoluteExpiry() != null
                && !now.isBefore(family.grantedAt.plus(policy.absoluteExpiry()));
        if (pastAbsolute || !now.isBefore(token.issuedAt.plus(policy.inactivityExpiry()))) {
            throw new GrantFailure(GrantFailure.Reason.REFRESH_EXPIRED);
        }
        if (token.rotatedAt != null) {
            boolean withinLeeway = now.isBefore(token.rotatedAt.plus(policy.reuseLeeway()));
            if (!withinLeeway) {
                if (policy.revokeFamilyOnLateReuse()) {
                    revoke(family, "rotated refresh token reused after the leeway");
                }
                throw new GrantFailure(GrantFailure.Reason.REFRESH_REUSED);
            }
        } else {
            token.rotatedAt = now;
            if (policy.retireRotatedAccessToken()) {
                token.companion.revokeAt = now.plus(policy.reuseLeeway());
            }
        }
        return issuePair(family, policy);
    }

    /** The access token if it is known, unexpired and not revoked. */
    synchronized Optional<IssuedTokens.Access> activeAccessToken(String value) {
        IssuedTokens.Access token = value == null ? null : accessTokens.get(value);
        return token != null && token.isActive(clock.now()) ? Optional.of(token) : Optional.empty();
    }

    synchronized boolean revokeFamily(String familyId, String reason) {
        TokenFamily family = families.get(familyId);
        if (family == null) {
            return false;
        }
        revoke(family, reason);
        return true;
    }

    /** Revokes every family of the user, optionally only those of one client; returns how many. */
    synchronized int revokeUser(String userIdOrName, String clientIdOrNull) {
        int count = 0;
        for (TokenFamily family : families.values()) {
            boolean userMatches = family.user.isKnownAs(userIdOrName);
            boolean clientMatches = clientIdOrNull == null || family.client.clientId().equals(clientIdOrNull);
            if (userMatches && clientMatches && !family.revoked) {
                revoke(family, "revoked by the user");
                count++;
            }
        }
        return count;
    }

    synchronized List<TokenFamilyView> families() {
        Instant now = clock.now();
        List<TokenFamilyView> views = new ArrayList<>();
        families.values().stream().sorted((a, b) -> Integer.compare(number(a), number(b))).forEach(family -> {
            int live = (int) accessTokens.values().stream()
                    .filter(t -> t.family == family && t.isActive(now)).count();
            views.add(family.view(live));
        });
        return views;
    }

    synchronized Optional<TokenFamilyView> familyOfToken(String accessOrRefreshToken) {
        TokenFamily family = null;
        if (accessTokens.containsKey(accessOrRefreshToken)) {
            family = accessTokens.get(accessOrRefreshToken).family;
        } else if (refreshTokens.containsKey(accessOrRefreshToken)) {
            family = refreshTokens.get(accessOrRefreshToken).family;
        }
        return Optional.ofNullable(family).map(f -> families().stream()
                .filter(v -> v.id().equals(f.id)).findFirst().orElseThrow());
    }

    synchronized void resetRefreshCounters() {
        families.values().forEach(family -> family.refreshCalls = 0);
    }

    private IssuedTokens.Pair issuePair(TokenFamily family, RefreshPolicy policy) {
        Instant now = clock.now();
        IssuedTokens.Access access = new IssuedTokens.Access(remember(SecureTokens.random(32)), family,
                now.plus(policy.accessTokenLifetime()));
        accessTokens.put(access.value, access);
        String refreshValue = null;
        if (!policy.refreshTokenOnlyWithOfflineAccess() || family.scopes.contains("offline_access")) {
            IssuedTokens.Refresh refresh = new IssuedTokens.Refresh(remember(SecureTokens.random(32)), family, now, access);
            refreshTokens.put(refresh.value, refresh);
            refreshValue = refresh.value;
        }
        return new IssuedTokens.Pair(access.value, refreshValue, policy.accessTokenLifetime().toSeconds(),
                String.join(" ", family.scopes), family.id);
    }

    private static void revoke(TokenFamily family, String reason) {
        family.revoked = true;
        family.revokedReason = reason;
    }

    private static int number(TokenFamily family) {
        return Integer.parseInt(family.id.substring("fam-".length()));
    }
}
