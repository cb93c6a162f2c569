package io.testbridge.automation;

/**
 * Text kept up to a number of characters (whatever arrives after is only counted), so a test's
 * output of any size costs at most that much memory; the value says how much was cut.
 */
final class BoundedText {
    private final int limit;
    private final StringBuilder kept = new StringBuilder();
    private long dropped;

    BoundedText(int limit) {
        this.limit = limit;
    }

    BoundedText append(char[] chars, int start, int length) {
        int room = Math.max(0, limit - kept.length());
        int taken = Math.min(room, length);
        kept.append(chars, start, taken);
        dropped += length - taken;
        return this;
    }

    BoundedText append(String text) {
        if (text != null) {
            int taken = Math.min(Math.max(0, limit - kept.length()), text.length());
            kept.append(text, 0, taken);
            dropped += text.length() - taken;
        }
        return this;
    }

    boolean isEmpty() {
        return kept.toString().isBlank() && dropped == 0;
    }

    String value() {
        String value = kept.toString().strip();
        return dropped == 0 ? value : value + "\n… (" + dropped + " more characters not kept)";
    }

    /** The first line, e.g. a message taken from a stack trace. */
    String firstLine() {
        String value = kept.toString().strip();
        int end = value.indexOf('\n');
        return end < 0 ? value : value.substring(0, end).strip();
    }
}
