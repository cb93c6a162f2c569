package io.testbridge.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The whole of an API token as its owner holds it: {@code tb_<public id>_<secret>}, 57 characters.
 * The public id (10 of a-z0-9) finds the token's row and names it in lists; the secret is 32 random
 * bytes (base64url). Only the SHA-256 of the whole token is stored: a random 256-bit secret needs
 * no slow hash. Its {@code toString} never shows it; {@link #value()} is handed to its owner once,
 * at creation, and never again.
 */
public record ApiTokenSecret(String value) {
    static final String PREFIX = "tb_";
    private static final int PUBLIC_ID_LENGTH = 10;
    private static final int SECRET_LENGTH = 43;
    private static final int LENGTH = PREFIX.length() + PUBLIC_ID_LENGTH + 1 + SECRET_LENGTH;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Only what {@link #generate()} could have produced. */
    public ApiTokenSecret {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("not an API token");
        }
    }

    static ApiTokenSecret generate() {
        StringBuilder token = new StringBuilder(PREFIX);
        for (int i = 0; i < PUBLIC_ID_LENGTH; i++) {
            token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        token.append('_').append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        return new ApiTokenSecret(token.toString());
    }

    /**
     * Whether a Bearer credential is meant as a Testbridge token (it starts with {@code tb_}), well formed
     * or not; any other (a proxy's or gateway's JWT) is not Testbridge's to judge.
     */
    public static boolean hasTokenPrefix(String credentials) {
        return credentials != null && credentials.startsWith(PREFIX);
    }

    /** What a client sent, if it has the shape of a token; null otherwise. */
    public static ApiTokenSecret parse(String presented) {
        return wellFormed(presented) ? new ApiTokenSecret(presented) : null;
    }

    private static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX) || token.charAt(PREFIX.length() + PUBLIC_ID_LENGTH) != '_') {
            return false;
        }
        String publicId = token.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH);
        String secret = token.substring(PREFIX.length() + PUBLIC_ID_LENGTH + 1);
        return publicId.matches("[a-z0-9]+") && secret.matches("[A-Za-z0-9_-]+");
    }

    /** Not secret: finds the row. */
    public String publicId() {
        return value.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH);
    }

    /** What lists show of a token, e.g. {@code tb_k3v9x0q2ab}. */
    public String displayPrefix() {
        return PREFIX + publicId();
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokenSecret[" + displayPrefix() + "…, redacted]";
    }
}
