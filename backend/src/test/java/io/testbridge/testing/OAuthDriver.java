package io.testbridge.testing;

import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the admin connection the way a person does: Step 1, Jira consent, callback page, Step 2. */
public final class OAuthDriver {
    private static final Pattern CODE = Pattern.compile("data-verification-code=\"([A-Z0-9-]+)\"");
    private final ApiClient browser;
    private final JiraConsent jira = new JiraConsent();

    public OAuthDriver(ApiClient browser) {
        this.browser = browser;
    }

    public ApiClient.Response start(long instanceId, String clientId, String clientSecret) {
        JsonObject body = new JsonObject().put("clientId", clientId);
        if (clientSecret != null) {
            body.put("clientSecret", clientSecret);
        }
        return browser.post("/api/integrations/" + instanceId + "/oauth/connections", body);
    }

    /** Step 1 and consent: returns the URL Jira redirects the browser to. */
    public String consent(long instanceId, String clientId, String clientSecret, String jiraUser, String site, JiraConsent.Decision decision) {
        ApiClient.Response started = start(instanceId, clientId, clientSecret);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return jira.decide(started.json().getString("authorizationUrl"), jiraUser, site, decision);
    }

    /** Opens the callback in the browser: the page. */
    public ApiClient.Response callback(String redirect) {
        return browser.open(redirect);
    }

    public static String verificationCodeOn(ApiClient.Response page) {
        Matcher matcher = CODE.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }

    public ApiClient.Response configure(long instanceId, String verificationCode) {
        return browser.post("/api/integrations/" + instanceId + "/oauth/verification", new JsonObject().put("verificationCode", verificationCode));
    }

    /** The whole happy path; returns the Step 2 answer. */
    public ApiClient.Response connect(long instanceId, String clientId, String clientSecret, String jiraUser, String site) {
        String redirect = consent(instanceId, clientId, clientSecret, jiraUser, site, JiraConsent.Decision.ACCEPT);
        ApiClient.Response page = callback(redirect);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return configure(instanceId, verificationCodeOn(page));
    }
}
