package io.testbridge.db;

/** Turns a chain of exceptions into the one line an operator needs. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
    }
}
