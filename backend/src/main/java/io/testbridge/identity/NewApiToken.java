package io.testbridge.identity;

import java.time.Instant;
import java.util.Set;

/** A token a user asks for: its name, scopes (at least one) and when it expires (within a year). */
public record NewApiToken(String name, Set<ApiTokenScope> scopes, Instant expiresAt) {
    public NewApiToken {
        scopes = Set.copyOf(scopes);
    }
}
