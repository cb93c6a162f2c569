package io.testbridge.jirasim;

import java.util.List;

/**
 * Plain-HTML pages of the simulated authorization servers. Element ids and names are stable so that
 * browser tests can drive them: #user, #site, button[name=decision][value=accept|deny] (Cloud) or
 * [value=allow|deny] (Data Center), #error-code and #error-description on error pages.
 */
final class ConsentPages {

    private ConsentPages() {
    }

    static String cloudConsent(ConsentRequests.Pending request, List<SimUser> users, List<CloudSite> sites,
            String formAction) {
        StringBuilder page = head("Authorize " + request.client().name() + " | Atlassian (simulated)");
        page.append("<h1 id=\"consent-title\">").append(esc(request.client().name()))
                .append(" is requesting access to your Atlassian account</h1>\n");
        page.append("<form id=\"consent-form\" method=\"post\" action=\"").append(esc(formAction)).append("\">\n");
        page.append(hidden("consent_request", request.id()));
        page.append(userSelect(users));
        page.append("<p><label for=\"site\">Use app on</label>\n<select id=\"site\" name=\"site\">\n");
        for (CloudSite site : sites) {
            page.append("<option value=\"").append(esc(site.name())).append("\">").append(esc(site.name()))
                    .append(".atlassian.net</option>\n");
        }
        page.append("</select></p>\n");
        if (request.client().consentCoversAllSites()) {
            page.append("<p id=\"all-sites-note\">This app will also get access to every other site you use.</p>\n");
        }
        page.append(scopeList(request));
        page.append("<p><button type=\"submit\" id=\"accept\" name=\"decision\" value=\"accept\">Accept</button>\n");
        page.append("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button></p>\n");
        return page.append("</form>\n").append(tail()).toString();
    }

    static String dataCenterConsent(ConsentRequests.Pending request, List<SimUser> users, DcInstance instance,
            String formAction) {
        StringBuilder page = head("Allow access | " + instance.serverTitle() + " (simulated)");
        page.append("<h1 id=\"consent-title\">").append(esc(request.client().name()))
                .append(" wants to access ").append(esc(instance.serverTitle())).append("</h1>\n");
        page.append("<form id=\"consent-form\" method=\"post\" action=\"").append(esc(formAction)).append("\">\n");
        page.append(hidden("consent_request", request.id()));
        page.append(userSelect(users));
        page.append(scopeList(request));
        page.append("<p><button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\n");
        page.append("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button></p>\n");
        return page.append("</form>\n").append(tail()).toString();
    }

    static String error(String title, String code, String description) {
        StringBuilder page = head(title + " (simulated)");
        page.append("<h1 id=\"error-title\">").append(esc(title)).append("</h1>\n");
        page.append("<p>Error: <code id=\"error-code\">").append(esc(code)).append("</code></p>\n");
        page.append("<p id=\"error-description\">").append(esc(description)).append("</p>\n");
        return page.append(tail()).toString();
    }

    static String browsePage(String key, String summary) {
        return head(key + " | Jira (simulated)").append("<h1 id=\"issue-key\">").append(esc(key))
                .append("</h1>\n<p id=\"issue-summary\">").append(esc(summary)).append("</p>\n")
                .append(tail()).toString();
    }

    private static String userSelect(List<SimUser> users) {
        StringBuilder html = new StringBuilder("<p><label for=\"user\">Signed in as</label>\n")
                .append("<select id=\"user\" name=\"user\">\n");
        for (SimUser user : users) {
            html.append("<option value=\"").append(esc(user.username())).append("\">")
                    .append(esc(user.displayName())).append(" (").append(esc(user.emailAddress()))
                    .append(")</option>\n");
        }
        return html.append("</select></p>\n").toString();
    }

    private static String scopeList(ConsentRequests.Pending request) {
        StringBuilder html = new StringBuilder("<h2 id=\"scopes-heading\">It would like to</h2>\n")
                .append("<ul id=\"scopes\" aria-labelledby=\"scopes-heading\">\n");
        for (String scope : request.scopes().stream().sorted().toList()) {
            html.append("<li data-scope=\"").append(esc(scope)).append("\">").append(esc(scope)).append("</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">\n";
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title></head>\n<body>\n<main>\n");
    }

    private static String tail() {
        return "</main>\n</body>\n</html>\n";
    }

    private static String esc(String text) {
        return Responses.escapeHtml(text);
    }
}
