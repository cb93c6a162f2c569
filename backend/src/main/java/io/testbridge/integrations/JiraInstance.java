package io.testbridge.integrations;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** A registered Jira instance as stored, and as the API shows it (it holds no secret). */
public record JiraInstance(long id, String name, String baseUrl, Deployment deployment, String cloudId,
                           String serverVersion, String serverTitle, String oauthRefusal, Boolean reachable,
                           String unreachableReason, OffsetDateTime checkedAt, boolean oauthEnabled,
                           String connectionState, String jiraAccountName, String grantedScopes, OffsetDateTime connectedAt,
                           OffsetDateTime createdAt) {

    /** What {@link #from} reads (public for the benchmark's bare baseline, which runs the same query). */
    public static final String COLUMNS = "id, name, base_url, deployment, cloud_id, server_version, server_title, oauth_refusal, "
            + "reachable, unreachable_reason, checked_at, oauth_enabled, connection_state, jira_account_name, granted_scopes, "
            + "connected_at, created_at";

    static JiraInstance from(Row row) {
        return new JiraInstance(row.getLong("id"), row.getString("name"), row.getString("base_url"),
                Deployment.valueOf(row.getString("deployment")), row.getString("cloud_id"),
                row.getString("server_version"), row.getString("server_title"), row.getString("oauth_refusal"),
                row.getBoolean("reachable"), row.getString("unreachable_reason"), row.getOffsetDateTime("checked_at"),
                row.getBoolean("oauth_enabled"), row.getString("connection_state"), row.getString("jira_account_name"),
                row.getString("granted_scopes"), row.getOffsetDateTime("connected_at"), row.getOffsetDateTime("created_at"));
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
