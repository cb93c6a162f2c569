package io.testbridge.identity;

import java.time.Duration;

/** A successful login: the new session's token (for the cookie, which lives {@code maxAge}), its principal and the user. */
public record LoggedIn(SessionToken token, Principal principal, User user, Duration maxAge) {
    @Override
    public String toString() {
        return "LoggedIn[" + user.id() + "]";
    }
}
