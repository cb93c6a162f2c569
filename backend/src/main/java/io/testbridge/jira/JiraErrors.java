package io.testbridge.jira;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Turns Jira's error answers, including proxies' HTML pages, into messages a person can act on. */
public final class JiraErrors {
    private static final int MAX_DETAIL = 500;

    private JiraErrors() {
    }

    /** Jira's field errors ({"errors":{field: message}}), empty when there are none. */
    public static JsonObject fieldErrors(JiraResponse response) {
        JsonObject body = json(response);
        JsonObject errors = body == null ? null : body.getJsonObject("errors");
        return errors == null ? new JsonObject() : errors;
    }

    public static Failure describe(JiraResponse response, String instanceName) {
        int status = response.statusCode();
        String contentType = String.valueOf(response.getHeader("Content-Type"));
        if (contentType.contains("text/html")) {
            return new Failure(status >= 500 ? ErrorCode.JIRA_UNAVAILABLE : ErrorCode.JIRA_ERROR,
                    instanceName + " answered HTTP " + status + " with a web page instead of Jira's API"
                            + " (a proxy or maintenance page?). Try again later, or ask your administrator to check the Jira URL.");
        }
        JsonObject body = json(response);
        List<String> messages = new ArrayList<>();
        if (body != null) {
            JsonArray errorMessages = body.getJsonArray("errorMessages");
            if (errorMessages != null) {
                errorMessages.forEach(message -> messages.add(String.valueOf(message)));
            }
            JsonObject errors = body.getJsonObject("errors");
            if (errors != null) {
                errors.forEach(entry -> messages.add(entry.getKey() + ": " + entry.getValue()));
            }
            if (messages.isEmpty() && body.getString("message") != null) {
                messages.add(body.getString("message"));
            }
        }
        String detail = messages.isEmpty() ? "" : ": " + readable(String.join("; ", messages));
        if (status == 403) {
            return new Failure(ErrorCode.FORBIDDEN, "Jira refused this for your account" + detail
                    + ". Ask a Jira administrator for the permission, or check the scopes granted to the app.");
        }
        if (status == 404) {
            return new Failure(ErrorCode.NOT_FOUND, "Jira has no such item" + detail + ".");
        }
        if (status >= 500) {
            return new Failure(ErrorCode.JIRA_UNAVAILABLE, instanceName + " is having trouble (HTTP " + status + ")" + detail + ". Try again later.");
        }
        return new Failure(status == 400 ? ErrorCode.INVALID_REQUEST : ErrorCode.JIRA_ERROR, "Jira said" + (detail.isEmpty() ? " HTTP " + status : detail));
    }

    /**
     * The Cloud gateway's 401 for a token without the scope an operation needs ("Unauthorized; scope
     * does not match"): a new token would carry the same scopes, so it is not worth a refresh.
     */
    public static boolean isScopeMismatch(JiraResponse response) {
        JsonObject body = response.statusCode() == 401 ? json(response) : null;
        return body != null && String.valueOf(body.getValue("message")).toLowerCase(java.util.Locale.ROOT).contains("scope does not match");
    }

    public static Failure scopeMismatch(String instanceName) {
        return new Failure(ErrorCode.FORBIDDEN, instanceName + " refused this call because the Testbridge app in Atlassian's developer console"
                + " lacks a permission it needs (scope does not match). Ask an administrator to give the app the Jira API scopes "
                + "read:jira-work, read:jira-user and write:jira-work, then authenticate with Jira again.");
    }

    /** Jira's words, shortened and without control characters: they reach people and logs. */
    private static String readable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL) + "…";
    }

    private static JsonObject json(JiraResponse response) {
        try {
            Object value = response.bodyAsJson();
            return value instanceof JsonObject || value instanceof java.util.Map<?, ?> ? response.bodyAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
