package io.testbridge.oauth;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The single-use code the callback page shows and the user pastes back: 80 random bits as 16
 * Crockford base-32 characters in groups of four (no I, L, O or U, so it reads and types well).
 * Input is forgiving: case, spaces and dashes are ignored, and I/L read as 1, O as 0.
 */
public final class VerificationCode {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 16;

    private VerificationCode() {
    }

    public static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** The canonical form that is hashed, or null when the input cannot be a code. */
    public static String normalize(String input) {
        if (input == null) {
            return null;
        }
        String compact = input.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
        if (compact.length() != LENGTH) {
            return null;
        }
        for (char c : compact.toCharArray()) {
            if (new String(ALPHABET).indexOf(c) < 0) {
                return null;
            }
        }
        return compact;
    }

    static byte[] hash(String code) {
        String normalized = normalize(code);
        return FlowSecrets.hash(normalized == null ? "" : normalized);
    }
}
