package io.testbridge.identity;

/** A login as typed, with where it came from; {@code previous} is the browser's current session, if any. */
public record LoginAttempt(String username, String password, String clientAddress, String userAgent, SessionToken previous) {
    @Override
    public String toString() {
        return "LoginAttempt[" + username + " from " + clientAddress + "]";
    }
}
