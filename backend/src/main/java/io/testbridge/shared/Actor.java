package io.testbridge.shared;

/** Who did something, and from where: a user on a request, or the system. */
public record Actor(Long userId, String name, String requestId, String clientAddress) {
    public static final Actor SYSTEM = new Actor(null, "system", null, null);

    /** A user acting outside a request (a refresh on their behalf, a background job for them). */
    public static Actor user(long userId, String name) {
        return new Actor(userId, name, null, null);
    }
}
