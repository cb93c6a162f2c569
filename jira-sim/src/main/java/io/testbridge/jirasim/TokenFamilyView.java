package io.testbridge.jirasim;

import java.time.Instant;
import java.util.List;

/** What tests may see of a token family (never the tokens themselves). */
public record TokenFamilyView(String id, String clientId, String authority, String userAccountId,
        String username, List<String> scopes, List<String> sites, Instant grantedAt, boolean revoked,
        String revokedReason, int refreshCalls, int liveAccessTokens) {
}
