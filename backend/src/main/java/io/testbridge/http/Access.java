package io.testbridge.http;

import io.testbridge.identity.Right;

/**
 * Who may call an operation, as declared by its {@code x-testbridge-right} in the OpenAPI document:
 * {@code PUBLIC}, {@code AUTHENTICATED}, or the name of a {@link Right}.
 */
public record Access(Kind kind, Right right) {
    public static final String EXTENSION = "x-testbridge-right";

    public enum Kind { PUBLIC, AUTHENTICATED, RIGHT }

    public static Access parse(String operationId, Object declared) {
        if (declared == null) {
            throw new IllegalStateException("Operation " + operationId + " declares no " + EXTENSION);
        }
        String text = declared.toString();
        if (text.equals("PUBLIC")) {
            return new Access(Kind.PUBLIC, null);
        }
        if (text.equals("AUTHENTICATED")) {
            return new Access(Kind.AUTHENTICATED, null);
        }
        try {
            return new Access(Kind.RIGHT, Right.valueOf(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Operation " + operationId + " declares an unknown right " + text);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.RIGHT ? right.name() : kind.name();
    }
}
