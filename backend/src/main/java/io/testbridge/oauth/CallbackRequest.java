package io.testbridge.oauth;

/**
 * What Jira's redirect to the callback page brought (each parameter sent once, else null), and who
 * the browser is logged in to Testbridge as ({@code browserUserId} null when nobody is).
 */
public record CallbackRequest(String state, String code, String error, String errorDescription,
                              Long browserUserId, String browserUsername, String requestId, String clientAddress) {
    @Override
    public String toString() {
        return "CallbackRequest[error=" + error + ", user=" + browserUserId + "]";
    }
}
