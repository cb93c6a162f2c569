package io.testbridge.identity;

import java.util.Set;

/**
 * The logged-in user of a request, as their session (or API token) was read (with the user, in the
 * same query), and the rights of all their roles (for a token: only those its scopes grant too).
 * Every change to a user evicts their cached principals on every node, so what it says of the user
 * is as current as a fresh read. A session's principal has its hash and CSRF token; a token's has
 * the token's id instead.
 */
public record Principal(User user, byte[] sessionHash, String csrfToken, Set<Right> rights, Long apiTokenId) {

    public static Principal ofSession(User user, byte[] sessionHash, String csrfToken, Set<Right> rights) {
        return new Principal(user, sessionHash, csrfToken, rights, null);
    }

    public static Principal ofApiToken(User user, long apiTokenId, Set<Right> rights) {
        return new Principal(user, null, null, rights, apiTokenId);
    }

    /** True when the request was made with {@code Authorization: Bearer}, not a session cookie. */
    public boolean viaApiToken() {
        return apiTokenId != null;
    }

    public long userId() {
        return user.id();
    }

    public String username() {
        return user.username();
    }

    public boolean has(Right right) {
        return rights.contains(right);
    }

    @Override
    public String toString() {
        return "Principal[" + userId() + ", " + username() + (viaApiToken() ? ", API token " + apiTokenId : "") + "]";
    }
}
