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

    /** A little layout, so the demo's newcomers read it easily; the banner says whose page this stands for. */
    private static final String STYLE = """
            <style>
            body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #172b4d; margin: 0; }
            .banner { background: #0747a6; color: #fff; padding: 8px 24px; font-size: 14px; }
            main { max-width: 560px; margin: 40px auto; background: #fff; padding: 24px 32px; border-radius: 8px;
                   box-shadow: 0 1px 3px rgba(9, 30, 66, .25); }
            h1 { font-size: 22px; } label { display: block; margin: 12px 0 4px; font-weight: 600; }
            select { font: inherit; padding: 6px; min-width: 280px; }
            button { font: inherit; padding: 8px 16px; margin: 16px 8px 0 0; border-radius: 4px; border: 1px solid #c1c7d0; background: #fff; }
            button#accept, button#allow { background: #0052cc; border-color: #0052cc; color: #fff; }
            </style>
            """;

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title>\n").append(STYLE).append("</head>\n<body>\n")
                .append("<div class=\"banner\" role=\"note\">Jira simulator: this page stands in for Jira's own</div>\n<main>\n");
    }

    private static String tail() {
        return "</main>\n</body>\n</html>\n";
    }

    private static String esc(String text) {
        return Responses.escapeHtml(text);
    }
}
