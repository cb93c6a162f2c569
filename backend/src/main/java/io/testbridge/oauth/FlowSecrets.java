package io.testbridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values of an OAuth flow and their hashes; only hashes are stored. */
final class FlowSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private FlowSecrets() {
    }

    /** 256 random bits, URL-safe: the {@code state} parameter. */
    static String newState() {
        return random(32);
    }

    /** A PKCE code verifier: 43 URL-safe characters (RFC 7636). */
    static String newCodeVerifier() {
        return random(32);
    }

    static String s256Challenge(String verifier) {
        return B64URL.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] hash(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return B64URL.encodeToString(value);
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
