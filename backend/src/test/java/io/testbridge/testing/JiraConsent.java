package io.testbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at Jira's consent page (the simulator's): opens the authorization link, picks the
 * user and site, clicks Accept/Allow or Deny, and returns where Jira redirects the browser.
 */
public final class JiraConsent {
    private static final Pattern ACTION = Pattern.compile("<form id=\"consent-form\" method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public enum Decision { ACCEPT, DENY }

    /** @param site the Cloud site to pick under "Use app on" (ignored on Data Center) */
    public String decide(String authorizationUrl, String user, String site, Decision decision) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build());
        if (page.statusCode() != 200) {
            throw new AssertionError("The consent page answered " + page.statusCode() + ": " + page.body());
        }
        Matcher action = ACTION.matcher(page.body());
        if (!action.find()) {
            throw new AssertionError("No consent form in: " + page.body());
        }
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            form.put(hidden.group(1), unescape(hidden.group(2)));
        }
        form.put("user", user);
        boolean cloud = page.body().contains("id=\"site\"");
        if (cloud) {
            form.put("site", site);
        }
        form.put("decision", decision == Decision.DENY ? "deny" : cloud ? "accept" : "allow");
        URI target = URI.create(authorizationUrl).resolve(unescape(action.group(1)));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 302) {
            throw new AssertionError("Consent answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'");
    }
}
