package io.testbridge.oauth;

import io.testbridge.http.ApiException;
import io.testbridge.http.ErrorCode;

/**
 * The user holds no usable token for an OAuth-enabled instance: the SPA answers it by opening the
 * "Authenticate with Jira" dialog for {@link #instanceId()} and then repeating the action.
 */
public final class JiraAuthRequired extends ApiException {
    private final long instanceId;

    public JiraAuthRequired(long instanceId, String instanceName, String why) {
        super(ErrorCode.JIRA_AUTH_REQUIRED, why + " Authenticate with Jira (" + instanceName + ") to continue.", "instanceId");
        this.instanceId = instanceId;
    }

    public long instanceId() {
        return instanceId;
    }
}
