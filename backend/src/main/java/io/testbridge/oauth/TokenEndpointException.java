package io.testbridge.oauth;

/**
 * A failed call to a token endpoint, classified: an OAuth error answer from Jira (definitive, e.g.
 * {@code invalid_grant}: consent again), or a transient failure (network, timeout, 5xx, HTML page:
 * keep the tokens and try later).
 */
public final class TokenEndpointException extends RuntimeException {
    private static final java.util.Set<String> OAUTH_ERRORS = java.util.Set.of("invalid_grant", "invalid_client", "invalid_request",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "access_denied");

    private final String error;

    private TokenEndpointException(String error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** Jira's OAuth error answer: definitive for the codes of RFC 6749, transient for anything else; its words shortened, no control characters. */
    static TokenEndpointException answered(String error, String description) {
        if (!OAUTH_ERRORS.contains(error)) {
            String code = error.replaceAll("[^A-Za-z0-9_.-]", "");
            return new TokenEndpointException(null, "Jira's token endpoint answered an error Testbridge does not know ("
                    + (code.length() > 60 ? code.substring(0, 60) : code) + ")");
        }
        String words = description == null || description.isBlank() ? error : description.strip().replaceAll("\\p{Cntrl}", " ");
        return new TokenEndpointException(error, words.length() > 300 ? words.substring(0, 300) + "…" : words);
    }

    /** No usable answer (network, deadline, size cap, 5xx, a web page): keep the tokens and try later. */
    static TokenEndpointException unanswered(String reason) {
        return new TokenEndpointException(null, reason);
    }

    /** The OAuth error code Jira sent, or null for a transient failure. */
    public String error() {
        return error;
    }

    public boolean isTransient() {
        return error == null;
    }

    public boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }

    /** Jira refused the client itself: wrong client id or secret. */
    public boolean isClientRejected() {
        return "invalid_client".equals(error) || "unauthorized_client".equals(error) || "access_denied".equals(error);
    }
}
