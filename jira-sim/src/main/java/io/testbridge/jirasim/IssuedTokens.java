package io.testbridge.jirasim;

import java.time.Instant;

/** Access and refresh tokens as stored by the simulator. */
final class IssuedTokens {

    private IssuedTokens() {
    }

    static final class Access {
        final String value;
        final TokenFamily family;
        final Instant expiresAt;
        /** Set when the companion refresh token is rotated: the old access token dies after the leeway. */
        Instant revokeAt;

        Access(String value, TokenFamily family, Instant expiresAt) {
            this.value = value;
            this.family = family;
            this.expiresAt = expiresAt;
        }

        boolean isActive(Instant now) {
            return !family.revoked && now.isBefore(expiresAt) && (revokeAt == null || now.isBefore(revokeAt));
        }
    }

    static final class Refresh {
        final String value;
        final TokenFamily family;
        final Instant issuedAt;
        final Access companion;
        Instant rotatedAt;

        Refresh(String value, TokenFamily family, Instant issuedAt, Access companion) {
            this.value = value;
            this.family = family;
            this.issuedAt = issuedAt;
            this.companion = companion;
        }
    }

    /** One successful token response. {@code refreshToken} is null when none is issued. */
    record Pair(String accessToken, String refreshToken, long expiresInSeconds, String scope, String familyId) {
    }
}
