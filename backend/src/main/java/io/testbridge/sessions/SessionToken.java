package io.testbridge.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random value in the session cookie. The database keeps only its SHA-256; the CSRF token is
 * derived from it with a different label, so it is bound to the session and needs no storage.
 */
public final class SessionToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private SessionToken(String value) {
        this.value = value;
    }

    public static SessionToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SessionToken(B64.encodeToString(bytes));
    }

    /** Accepts only what {@link #generate()} could have produced. */
    public static SessionToken parse(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43 || !cookieValue.matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        return new SessionToken(cookieValue);
    }

    public String value() {
        return value;
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
