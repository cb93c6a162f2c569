package io.testbridge.jirasim;

import java.util.Locale;

/** Data Center OAuth 2.0 permissions; each one includes those declared before it. */
public enum DcScope {
    READ, WRITE, ADMIN, SYSTEM_ADMIN;

    public static DcScope parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("scope is required");
        }
        return DcScope.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public static boolean isKnown(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean includes(DcScope other) {
        return ordinal() >= other.ordinal();
    }
}
