package io.testbridge.jira;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.json.JsonObject;

/**
 * The user holds no usable token for an OAuth-enabled instance: the SPA answers it by opening the
 * "Authenticate with Jira" dialog for {@link #instanceId()} and then repeating the action.
 */
public final class JiraAuthRequired extends Failure {
    private static final long serialVersionUID = 1L;
    private final long instanceId;

    public JiraAuthRequired(long instanceId, String instanceName, String why) {
        super(ErrorCode.JIRA_AUTH_REQUIRED, why + " Authenticate with Jira (" + instanceName + ") to continue.", "instanceId");
        this.instanceId = instanceId;
    }

    public long instanceId() {
        return instanceId;
    }

    @Override
    public JsonObject details() {
        return new JsonObject().put("instanceId", instanceId);
    }
}
