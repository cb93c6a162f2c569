package io.testbridge.identity;

import io.testbridge.identity.Right;

import java.util.Set;

/**
 * The logged-in user of a request, as their session was read (with the user, in the same query),
 * and the rights of all their roles. Every change to a user evicts their sessions' cached principals
 * on every node, so what it says of the user is as current as a fresh read.
 */
public record Principal(User user, byte[] sessionHash, String csrfToken, Set<Right> rights) {

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
        return "Principal[" + userId() + ", " + username() + "]";
    }
}
