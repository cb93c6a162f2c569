package io.testbridge.identity;

import io.testbridge.errors.Failure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must not be, beyond the API's 12 characters: one of the most common leaked
 * passwords (a bundled list, ignoring case and the usual letter swaps), or a few characters repeated.
 */
final class PasswordPolicy {
    private static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Throws a 400 naming the password field when the password is too easy to guess. */
    static void requireStrong(String password) {
        requireStrong(password, "password");
    }

    /** Throws a 400 naming {@code field} when the password is too easy to guess. */
    static void requireStrong(String password, String field) {
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw Failure.invalid(field, "This password repeats a few characters; choose one that is harder to guess (a few unrelated words work well).");
        }
        if (COMMON.contains(normalized(password))) {
            throw Failure.invalid(field, "This password is one of the most common ones; choose one that is harder to guess (a few unrelated words work well).");
        }
    }

    /** Lower case with the usual swaps undone, so Passw0rd1234 is found as password1234. */
    static String normalized(String password) {
        StringBuilder plain = new StringBuilder();
        password.toLowerCase(Locale.ROOT).codePoints().forEach(c -> plain.appendCodePoint(switch (c) {
            case '@' -> 'a';
            case '0' -> 'o';
            case '$' -> 's';
            case '3' -> 'e';
            default -> c;
        }));
        return plain.toString();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(PasswordPolicy::normalized)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
