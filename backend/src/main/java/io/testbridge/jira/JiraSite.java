package io.testbridge.jira;

/**
 * The Jira a call goes to, as the Jira client needs to know it: which registered instance, how it
 * is deployed, where it lives. The integrations module owns these facts; the client only reads them.
 */
public record JiraSite(long instanceId, String name, Deployment deployment, String baseUrl, String cloudId) {

    public boolean isCloud() {
        return deployment == Deployment.CLOUD;
    }

    /** The page of an issue in Jira's own UI. */
    public String browseUrl(String issueKey) {
        return baseUrl + "/browse/" + issueKey;
    }
}
