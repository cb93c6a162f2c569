package io.testbridge.jirasim;

import java.time.Duration;

/**
 * How one authorization server treats refresh tokens.
 *
 * @param reuseLeeway how long a rotated refresh token keeps working
 * @param revokeFamilyOnLateReuse whether reusing a rotated token after the leeway revokes the family
 * @param retireRotatedAccessToken whether the access token issued with a rotated refresh token dies
 *     when the leeway ends (Atlassian Cloud: "companion tokens")
 * @param inactivityExpiry a refresh token unused this long is dead (each rotation issues a fresh one)
 * @param absoluteExpiry the family dies this long after the consent, however often refreshed; null = never
 * @param accessTokenLifetime expires_in of issued access tokens
 * @param refreshTokenOnlyWithOfflineAccess Cloud issues refresh tokens only for offline_access
 */
record RefreshPolicy(Duration reuseLeeway, boolean revokeFamilyOnLateReuse, boolean retireRotatedAccessToken,
        Duration inactivityExpiry, Duration absoluteExpiry, Duration accessTokenLifetime,
        boolean refreshTokenOnlyWithOfflineAccess) {
}
