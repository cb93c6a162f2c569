package io.testbridge.jira;

/**
 * An access token to call Jira with as one user, the version of the stored token it came from (to
 * ask for a refresh after a 401) and, on Cloud, the site it was granted for. Lives in memory only;
 * {@link #toString()} never shows the token.
 */
public record AccessToken(String value, long version, String cloudId) {
    @Override
    public String toString() {
        return "AccessToken[version " + version + "]";
    }
}
