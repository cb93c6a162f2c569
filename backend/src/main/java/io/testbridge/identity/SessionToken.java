package io.testbridge.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random value in the session cookie. The database keeps only its SHA-256; the CSRF token is
 * derived from it with a different label, so it is bound to the session and needs no storage.
 */
public record SessionToken(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Only what {@link #generate()} could have produced. */
    public SessionToken {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("not a session token");
        }
    }

    public static SessionToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SessionToken(B64.encodeToString(bytes));
    }

    /** Accepts only what {@link #generate()} could have produced. */
    public static SessionToken parse(String cookieValue) {
        return wellFormed(cookieValue) ? new SessionToken(cookieValue) : null;
    }

    private static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.matches("[A-Za-z0-9_-]+");
    }

    public byte[] hash() {
        return sha256("session:" + value);
    }

    public String csrfToken() {
        return B64.encodeToString(sha256("csrf:" + value));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
