package io.testbridge.integrations;

import io.testbridge.jira.Deployment;
import io.testbridge.db.DatabaseErrors;
import io.testbridge.jira.JiraCallFailed;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.JiraResponse;
import io.testbridge.jira.JiraUrl;
import io.testbridge.jira.JiraVersion;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Checks that a Jira instance is there and identifies it without any credentials: Cloud sites
 * publish their cloud id at {@code /_edge/tenant_info}, Data Center its version at
 * {@code /rest/api/2/serverInfo} (unless it needs a login: then a connection's token reads it).
 */
public final class InstanceProbe {
    private final JiraHttp http;

    public InstanceProbe(JiraHttp http) {
        this.http = http;
    }

    public Future<Identification> identify(Deployment deployment, JiraUrl url) {
        return identify(deployment, url, null);
    }

    /** Data Center's serverInfo read as a signed-in user, for an instance that shows it only after a login. */
    public Future<Identification> identifyDataCenterSignedIn(JiraUrl url, String accessToken) {
        return identify(Deployment.DATA_CENTER, url, accessToken);
    }

    private Future<Identification> identify(Deployment deployment, JiraUrl url, String accessToken) {
        String probe = url.resolve(deployment == Deployment.CLOUD ? "/_edge/tenant_info" : "/rest/api/2/serverInfo");
        JiraHttp.Call request = http.get(probe);
        if (accessToken != null) {
            request.bearer(accessToken);
        }
        return request.send()
                .map(response -> deployment == Deployment.CLOUD ? cloud(probe, response) : dataCenter(probe, response))
                .otherwise(error -> new Identification.Unreachable("No answer from " + url + ": "
                        + (error instanceof JiraCallFailed call ? call.detail() : DatabaseErrors.rootMessage(error))));
    }

    private static Identification cloud(String probe, JiraResponse response) {
        Identification problem = problem(probe, response, "a Jira Cloud site URL such as https://your-site.atlassian.net");
        if (problem != null) {
            return problem;
        }
        JsonObject body = json(response);
        String cloudId = body == null ? null : body.getString("cloudId");
        return cloudId == null || cloudId.isBlank()
                ? new Identification.NotJira(probe + " did not return a cloud id; is this a Jira Cloud site?")
                : new Identification.CloudSite(cloudId);
    }

    private static Identification dataCenter(String probe, JiraResponse response) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            // SSO and REST API lock-down refuse serverInfo to anonymous callers; the first connection's token reads it
            return new Identification.DataCenterBehindLogin(probe + " answered HTTP " + response.statusCode() + " without a login");
        }
        Identification problem = problem(probe, response, "the base URL of Jira, as shown under Administration → System → Base URL");
        if (problem != null) {
            return problem;
        }
        JsonObject body = json(response);
        String version = body == null ? null : body.getString("version");
        if (version == null) {
            return new Identification.NotJira(probe + " did not return a Jira version; is this a Jira Data Center or Server base URL?");
        }
        if ("Cloud".equalsIgnoreCase(body.getString("deploymentType"))) {
            // Cloud sites answer serverInfo too; connecting one as Data Center would offer the wrong OAuth set-up.
            return new Identification.NotJira(probe + " says this is a Jira Cloud site; register it with the type Cloud.");
        }
        Object numbers = body.getValue("versionNumbers");
        JiraVersion parsed = JiraVersion.of(numbers instanceof io.vertx.core.json.JsonArray array ? array : null, version);
        return new Identification.DataCenter(parsed, version, body.getString("serverTitle", ""));
    }

    private static Identification problem(String probe, JiraResponse response, String hint) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            return new Identification.NotJira(probe + " redirects to " + shown(response.getHeader("Location"))
                    + "; register the URL Jira itself uses (" + hint + ").");
        }
        if (status == 429 || status >= 500) {
            return new Identification.Unreachable(probe + " answered HTTP " + status + ".");
        }
        if (status != 200) {
            return new Identification.NotJira(probe + " answered HTTP " + status + "; use " + hint + ".");
        }
        return null;
    }

    /** A header the other side chose, as it may appear in a message: one short line. */
    private static String shown(String value) {
        String line = String.valueOf(value).replaceAll("\\p{Cntrl}", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static JsonObject json(JiraResponse response) {
        try {
            Object value = response.bodyAsJson();
            return value instanceof java.util.Map<?, ?> || value instanceof JsonObject ? response.bodyAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
