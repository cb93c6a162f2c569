package io.testbridge.jirasim;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque random values for codes and tokens; unguessable so tests cannot pass by accident. */
final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureTokens() {
    }

    static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
