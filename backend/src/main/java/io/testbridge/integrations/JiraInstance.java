package io.testbridge.integrations;

import io.testbridge.jira.Deployment;
import io.testbridge.jira.JiraSite;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** A registered Jira instance as stored, and as the API shows it (it holds no secret). */
public record JiraInstance(long id, String name, String baseUrl, Deployment deployment, String cloudId,
                           String serverVersion, String serverTitle, String oauthRefusal, Boolean reachable,
                           String unreachableReason, OffsetDateTime checkedAt, boolean oauthEnabled,
                           String connectionState, String jiraAccountName, String grantedScopes, OffsetDateTime connectedAt,
                           OffsetDateTime createdAt) {

    /**
     * The rows {@link #from} reads: the instance, with its OAuth connection as the oauth module's read
     * view shows it (public for the benchmark's bare baseline, which runs the same query).
     */
    public static final String SELECT = "SELECT i.id, i.name, i.base_url, i.deployment, i.cloud_id, i.server_version, i.server_title, "
            + "i.oauth_refusal, i.reachable, i.unreachable_reason, i.checked_at, COALESCE(c.enabled, false) AS oauth_enabled, "
            + "COALESCE(c.state, 'NOT_CONNECTED') AS connection_state, c.jira_account_name, c.granted_scopes, c.connected_at, i.created_at";
    public static final String FROM = " FROM jira_instances i LEFT JOIN oauth_connection_summaries c ON c.instance_id = i.id";

    static JiraInstance from(Row row) {
        return new JiraInstance(row.getLong("id"), row.getString("name"), row.getString("base_url"),
                Deployment.valueOf(row.getString("deployment")), row.getString("cloud_id"),
                row.getString("server_version"), row.getString("server_title"), row.getString("oauth_refusal"),
                row.getBoolean("reachable"), row.getString("unreachable_reason"), row.getOffsetDateTime("checked_at"),
                row.getBoolean("oauth_enabled"), row.getString("connection_state"), row.getString("jira_account_name"),
                row.getString("granted_scopes"), row.getOffsetDateTime("connected_at"), row.getOffsetDateTime("created_at"));
    }

    /** The instance as the Jira client needs it. */
    public JiraSite site() {
        return new JiraSite(id, name, deployment, baseUrl, cloudId);
    }

    /** One word for the list: unreachable wins, then the OAuth connection, else active. */
    public String status() {
        if (Boolean.FALSE.equals(reachable)) {
            return "UNREACHABLE";
        }
        if (oauthEnabled) {
            return connectionState;
        }
        return reachable == null ? "UNCHECKED" : "ACTIVE";
    }

    /** Why the version is not shown: a Data Center that answers serverInfo only after a login. */
    private String versionNote() {
        return deployment == Deployment.DATA_CENTER && serverVersion == null && Boolean.TRUE.equals(reachable)
                ? "Unknown: this Jira shows its version only after a login; it is confirmed after the first connection." : null;
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("baseUrl", baseUrl)
                .put("deployment", deployment.name())
                .put("status", status())
                .put("statusReason", Boolean.FALSE.equals(reachable) ? unreachableReason : null)
                .put("cloudId", cloudId)
                .put("version", serverVersion)
                .put("versionNote", versionNote())
                .put("serverTitle", serverTitle)
                .put("oauthAvailable", oauthRefusal == null)
                .put("oauthUnavailableReason", oauthRefusal)
                .put("oauthEnabled", oauthEnabled)
                .put("connectedAccount", jiraAccountName)
                .put("grantedScopes", grantedScopes)
                .put("connectedAt", connectedAt == null ? null : connectedAt.toInstant().toString())
                .put("checkedAt", checkedAt == null ? null : checkedAt.toInstant().toString())
                .put("createdAt", createdAt.toInstant().toString());
    }
}
