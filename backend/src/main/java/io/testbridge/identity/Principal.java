package io.testbridge.identity;

import io.testbridge.identity.Right;

import java.util.Set;

/** The logged-in user of a request, with the rights of all their roles. */
public record Principal(long userId, String username, byte[] sessionHash, String csrfToken, Set<Right> rights) {

    public boolean has(Right right) {
        return rights.contains(right);
    }

    @Override
    public String toString() {
        return "Principal[" + userId + ", " + username + "]";
    }
}
