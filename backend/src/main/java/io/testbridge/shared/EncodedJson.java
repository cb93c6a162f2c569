package io.testbridge.shared;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A JSON answer encoded once, with its entity tag: what a module caches when the same answer is
 * served many times unchanged (a page of the integrations list), so that no request pays for
 * encoding and hashing it again. The tag is taken from the bytes (128 bits of SHA-256), so the same
 * answer has the same tag on every node and after every restart, and different answers never share
 * one. The bytes are never changed; whoever sends them sends a copy.
 */
public record EncodedJson(Buffer bytes, String tag) {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    public static EncodedJson of(JsonObject json) {
        Buffer bytes = json.toBuffer();
        return new EncodedJson(bytes, tagOf(bytes));
    }

    /** The strong entity tag of these bytes, quoted as HTTP writes it. */
    public static String tagOf(Buffer bytes) {
        byte[] digest = SHA_256.get().digest(bytes.getBytes());
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
    }
}
