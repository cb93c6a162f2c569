package io.testbridge.jirasim;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validated authorize requests waiting for the user's decision. The consent form posts only the
 * request id, so nothing the browser could tamper with (redirect_uri, scopes) travels back.
 */
final class ConsentRequests {

    private static final Duration LIFETIME = Duration.ofHours(1);

    record Pending(String id, OAuthClientRegistration client, String redirectUri, Set<String> scopes, String state,
            String codeChallenge, Instant expiresAt) {
    }

    private final SimClock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    ConsentRequests(SimClock clock) {
        this.clock = clock;
    }

    Pending open(OAuthClientRegistration client, String redirectUri, Set<String> scopes, String state,
            String codeChallenge) {
        Pending request = new Pending(SecureTokens.random(16), client, redirectUri, scopes, state, codeChallenge,
                clock.now().plus(LIFETIME));
        pending.put(request.id(), request);
        return request;
    }

    /** Single use: answering a consent request twice fails the second time. */
    Optional<Pending> take(String id) {
        Pending request = id == null ? null : pending.remove(id);
        if (request == null || !clock.now().isBefore(request.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(request);
    }
}
