package io.testbridge.jirasim;

/**
 * The URL layout: one HTTP server stands for every Atlassian host through path prefixes.
 * <pre>
 * {base}/cloud/auth            auth.atlassian.com
 * {base}/cloud/api             api.atlassian.com
 * {base}/cloud/sites/{site}    https://{site}.atlassian.net
 * {base}/dc/{instance}         a Data Center base URL
 * {base}/_control              the simulator's control API
 * </pre>
 */
final class SimUrls {

    private volatile String baseUrl = "http://127.0.0.1:0";

    void baseUrl(String value) {
        this.baseUrl = value;
    }

    String baseUrl() {
        return baseUrl;
    }

    String cloudAuth() {
        return baseUrl + "/cloud/auth";
    }

    String cloudApi() {
        return baseUrl + "/cloud/api";
    }

    String site(String name) {
        return baseUrl + "/cloud/sites/" + name;
    }

    String dcBase(String instance) {
        return baseUrl + "/dc/" + instance;
    }

    String cloudRestBase(String cloudId) {
        return cloudApi() + "/ex/jira/" + cloudId + "/rest/api/3";
    }

    String dcRestBase(String instance) {
        return dcBase(instance) + "/rest/api/2";
    }
}
