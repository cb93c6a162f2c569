package io.testbridge.http;

import io.testbridge.identity.ApiTokenScope;
import io.testbridge.identity.Right;

/**
 * Who may call an operation, as declared in the OpenAPI document: {@code x-testbridge-right}
 * ({@code PUBLIC}, {@code AUTHENTICATED}, or the name of a {@link Right}) and whether a personal API
 * token may call it ({@code x-testbridge-bearer: true}; absent means no). Tokens are opt-in per
 * operation, and only an operation that needs a right some token scope grants may opt in: so no
 * token ever reaches logins and sessions, passwords, users and roles, API tokens themselves, or
 * OAuth and integration administration, whatever the document says (start-up fails instead).
 */
public record Access(Kind kind, Right right, boolean bearer) {
    public static final String EXTENSION = "x-testbridge-right";
    public static final String BEARER_EXTENSION = "x-testbridge-bearer";

    public enum Kind { PUBLIC, AUTHENTICATED, RIGHT }

    public static Access parse(String operationId, Object declared) {
        return parse(operationId, declared, null);
    }

    public static Access parse(String operationId, Object declared, Object declaredBearer) {
        if (declared == null) {
            throw new IllegalStateException("Operation " + operationId + " declares no " + EXTENSION);
        }
        boolean bearer = bearer(operationId, declaredBearer);
        String text = declared.toString();
        Access access;
        if (text.equals("PUBLIC")) {
            access = new Access(Kind.PUBLIC, null, bearer);
        } else if (text.equals("AUTHENTICATED")) {
            access = new Access(Kind.AUTHENTICATED, null, bearer);
        } else {
            try {
                access = new Access(Kind.RIGHT, Right.valueOf(text), bearer);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Operation " + operationId + " declares an unknown right " + text);
            }
        }
        if (bearer && (access.kind != Kind.RIGHT || !ApiTokenScope.grantable().contains(access.right))) {
            throw new IllegalStateException("Operation " + operationId + " declares " + BEARER_EXTENSION + " but needs " + text
                    + ": API tokens may only call operations that need a right one of their scopes grants " + ApiTokenScope.grantable());
        }
        return access;
    }

    private static boolean bearer(String operationId, Object declared) {
        if (declared == null || Boolean.FALSE.equals(declared)) {
            return false;
        }
        if (Boolean.TRUE.equals(declared)) {
            return true;
        }
        throw new IllegalStateException("Operation " + operationId + " declares " + BEARER_EXTENSION + ": " + declared + "; it takes true or false");
    }

    @Override
    public String toString() {
        return (kind == Kind.RIGHT ? right.name() : kind.name()) + (bearer ? " (API tokens too)" : "");
    }
}
