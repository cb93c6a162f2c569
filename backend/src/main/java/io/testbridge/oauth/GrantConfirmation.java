package io.testbridge.oauth;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.testbridge.jira.Deployment;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.JiraResponse;
import io.testbridge.jira.JiraUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Confirms that fresh tokens are for the registered instance and reads whose they are. Cloud: the
 * {@code accessible-resources} entry for the instance (one grant can cover several sites; never
 * take the first blindly), then {@code /myself} through the API gateway. Data Center:
 * {@code /myself} on the instance.
 *
 * <p>A Cloud site is recognised by the cloud id its {@code _edge/tenant_info} gave at registration,
 * not by its URL: the URL an admin typed can name the same site differently from the one Atlassian
 * lists (another host name for it, a custom domain). The URL is the fallback only for an instance
 * whose cloud id is not known.
 */
final class GrantConfirmation {
    private final JiraHttp http;
    private final String atlassianApiUrl;

    GrantConfirmation(JiraHttp http, String atlassianApiUrl) {
        this.http = http;
        this.atlassianApiUrl = atlassianApiUrl;
    }

    /** Who the tokens act as, and on which Cloud site. */
    public record JiraAccount(String accountId, String displayName, String cloudId) {
    }

    public Future<JiraAccount> confirm(JiraInstance instance, String accessToken) {
        if (instance.deployment() == Deployment.DATA_CENTER) {
            return myself(instance.baseUrl() + "/rest/api/2/myself", accessToken)
                    .map(me -> new JiraAccount(me.getString("key", me.getString("name")), me.getString("displayName"), null));
        }
        return http.get(atlassianApiUrl + "/oauth/token/accessible-resources").bearer(accessToken).send()
                .compose(response -> {
                    JsonArray resources = jsonArray(response, "accessible-resources");
                    JiraUrl wanted = JiraUrl.parse("baseUrl", instance.baseUrl());
                    List<String> granted = new ArrayList<>();
                    for (int i = 0; i < resources.size(); i++) {
                        JsonObject resource = resources.getJsonObject(i);
                        String url = resource.getString("url", "");
                        granted.add(url);
                        String cloudId = resource.getString("id");
                        if (instance.cloudId() != null ? instance.cloudId().equals(cloudId) : sameSite(url, wanted)) {
                            return myself(atlassianApiUrl + "/ex/jira/" + cloudId + "/rest/api/3/myself", accessToken)
                                    .map(me -> new JiraAccount(me.getString("accountId"), me.getString("displayName"), cloudId));
                        }
                    }
                    return Future.failedFuture(new Failure(ErrorCode.CONFLICT, "Jira granted access to "
                            + (granted.isEmpty() ? "no site" : String.join(", ", granted)) + ", not to " + instance.baseUrl()
                            + ". Start again and choose " + instance.baseUrl() + " under \"Use app on\" in Jira's consent page.",
                            "verificationCode"));
                });
    }

    private static boolean sameSite(String url, JiraUrl wanted) {
        try {
            return JiraUrl.parse("url", url).equals(wanted);
        } catch (Failure notAUrl) {
            return false;
        }
    }

    private Future<JsonObject> myself(String url, String accessToken) {
        return http.get(url).bearer(accessToken).send().map(response -> {
            if (response.statusCode() != 200) {
                throw jiraSaid(response, "/myself");
            }
            try {
                return response.bodyAsJsonObject();
            } catch (RuntimeException e) {
                throw new Failure(ErrorCode.JIRA_ERROR, "Jira's /myself did not answer with JSON; is a proxy in the way?");
            }
        });
    }

    private static JsonArray jsonArray(JiraResponse response, String what) {
        if (response.statusCode() != 200) {
            throw jiraSaid(response, what);
        }
        try {
            return response.bodyAsJsonArray();
        } catch (RuntimeException e) {
            throw new Failure(ErrorCode.JIRA_ERROR, "Atlassian's " + what + " did not answer with JSON.");
        }
    }

    private static Failure jiraSaid(JiraResponse response, String what) {
        return new Failure(ErrorCode.JIRA_ERROR, "Jira answered HTTP " + response.statusCode() + " to " + what
                + " with the new tokens; check the scopes granted to the app and try again.");
    }
}
