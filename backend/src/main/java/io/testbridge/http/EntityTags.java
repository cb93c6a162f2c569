package io.testbridge.http;

/** Reads {@code If-None-Match} against the tag of an answer ({@link io.testbridge.shared.EncodedJson#tagOf}). */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether an {@code If-None-Match} header names this tag: a list of tags, weak ones compared as
     * if strong (RFC 9110's weak comparison, which is what If-None-Match uses), or {@code *}.
     */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > 4096) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals("*") || trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
