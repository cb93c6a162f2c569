package io.testbridge.oauth;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed call to a token endpoint, classified: an OAuth error answer from Jira (definitive, e.g.
 * {@code invalid_grant}: consent again), or a transient failure (network, timeout, 5xx, HTML page:
 * keep the tokens and try later).
 */
public final class TokenEndpointException extends RuntimeException {
    private static final Pattern OAUTH_ERROR = Pattern.compile(
            "^(invalid_grant|invalid_client|invalid_request|unauthorized_client|unsupported_grant_type|invalid_scope|access_denied)(?::\\s*(.*))?$",
            Pattern.DOTALL);

    private final String error;

    private TokenEndpointException(String error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** Reads the failure of a vertx-auth-oauth2 token call ("error: description" for OAuth error answers). */
    static TokenEndpointException classify(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        Matcher matcher = OAUTH_ERROR.matcher(text);
        if (matcher.matches()) {
            String description = matcher.group(2) == null ? "" : matcher.group(2).strip();
            return new TokenEndpointException(matcher.group(1), description.isEmpty() ? matcher.group(1) : description);
        }
        String firstLine = text.lines().findFirst().orElse(text);
        if (firstLine.toLowerCase(Locale.ROOT).contains("<html") || text.length() > 300) {
            firstLine = firstLine.length() > 120 ? firstLine.substring(0, 120) + "…" : firstLine;
        }
        return new TokenEndpointException(null, firstLine);
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
