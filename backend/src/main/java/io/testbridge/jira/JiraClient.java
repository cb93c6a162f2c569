package io.testbridge.jira;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;

/**
 * The one way modules call Jira's REST API as a user: a usable token from the {@link TokenSource}, a
 * refresh and one retry after a 401, waits for 429 Retry-After (bounded), and a bounded retry of
 * reads on 5xx or a broken connection. {@link #call} turns Jira's error answers into
 * {@link Failure}s with Jira's own words.
 */
public final class JiraClient {
    private static final int MAX_RATE_LIMIT_WAITS = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(20);
    private static final int MAX_READ_RETRIES = 2;

    private final Vertx vertx;
    private final JiraHttp http;
    private final TokenSource tokens;
    private final String atlassianApiUrl;
    private final io.testbridge.observability.Metrics metrics;
    private final io.testbridge.observability.RecentJiraErrors errors;

    public JiraClient(Vertx vertx, JiraHttp http, TokenSource tokens, String atlassianApiUrl, io.testbridge.observability.Metrics metrics,
                      io.testbridge.observability.RecentJiraErrors errors) {
        this.errors = errors;
        this.vertx = vertx;
        this.http = http;
        this.tokens = tokens;
        this.atlassianApiUrl = atlassianApiUrl;
        this.metrics = metrics;
    }

    /**
     * A REST path below the root from its segments, each percent-encoded: the one place values
     * (issue keys, project keys, type ids) become part of a Jira path.
     */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(JiraUrl.percentEncode(segment));
        }
        return path.toString();
    }

    /** A REST call; {@code path} is below the REST root (e.g. {@code /project/search}), the root per deployment. */
    public Future<JiraResponse> call(long userId, JiraSite instance, HttpMethod method, String path,
                                             Map<String, String> query, JsonObject body) {
        return callRaw(userId, instance, method, path, query, body).compose(response -> answered(response, instance));
    }

    /** Like {@link #call}, but Jira's own error answers (400, 403, 404, 5xx) come back as responses for the caller to read. */
    public Future<JiraResponse> callRaw(long userId, JiraSite instance, HttpMethod method, String path,
                                                Map<String, String> query, JsonObject body) {
        Send send = body == null ? JiraHttp.Call::send : request -> request.sendJson(body);
        return tokens.usable(userId, instance)
                .compose(token -> attempt(userId, instance, method, path, query, send, token, 0, 0, false));
    }

    /**
     * Posts one file as multipart/form-data in the part {@code file}, with the header Jira's XSRF
     * protection asks for (e.g. issue attachments); Jira's error answers become {@link Failure}s.
     */
    public Future<JiraResponse> upload(long userId, JiraSite instance, String path, String filename, String contentType, Buffer content) {
        String boundary = "testbridge-" + java.util.UUID.randomUUID();
        String safeName = filename.replaceAll("[\\p{Cntrl}\"\\\\]", "_");
        Buffer multipart = Buffer.buffer(content.length() + 512).appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n")
                .appendString("Content-Type: " + contentType + "\r\n\r\n").appendBuffer(content)
                .appendString("\r\n--" + boundary + "--\r\n");
        Send send = request -> request.header("X-Atlassian-Token", "no-check")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).send(multipart);
        return tokens.usable(userId, instance)
                .compose(token -> attempt(userId, instance, HttpMethod.POST, path, Map.of(), send, token, 0, 0, false))
                .compose(response -> answered(response, instance));
    }

    /** The response, or Jira's error answer in Jira's own words. */
    private static Future<JiraResponse> answered(JiraResponse response, JiraSite instance) {
        return response.statusCode() < 400 ? Future.succeededFuture(response) : Future.failedFuture(JiraErrors.describe(response, instance.name()));
    }

    /** Sends a prepared request (auth and query set) with its body; called again on each retry. */
    @FunctionalInterface
    private interface Send {
        Future<JiraResponse> to(JiraHttp.Call request);
    }

    /** Fails with jira_auth_required now, before any work, when the user would have to authenticate first. */
    public Future<Void> requireConnection(long userId, JiraSite instance) {
        return tokens.usable(userId, instance).mapEmpty();
    }

    private Future<JiraResponse> attempt(long userId, JiraSite instance, HttpMethod method, String path, Map<String, String> query,
                                                 Send send, AccessToken token, int rateLimitWaits, int readRetries, boolean refreshed) {
        JiraHttp.Call request = http.request(method, restRoot(instance, token) + path).bearer(token.value());
        query.forEach(request::query);
        Future<JiraResponse> sent = send.to(request);
        return sent.compose(response -> {
            int status = response.statusCode();
            metrics.jiraCall(instance.instanceId(), method.name(), path, status);
            if (status >= 500 || status == 429) {
                errors.record(instance.instanceId(), method + " " + path + " answered HTTP " + status);
            }
            if (status == 401 && !refreshed) {
                return tokens.refreshAfterUnauthorized(userId, instance, token.version())
                        .compose(fresh -> attempt(userId, instance, method, path, query, send, fresh, rateLimitWaits, readRetries, true));
            }
            if (status == 401) {
                return Future.failedFuture(new JiraAuthRequired(instance.instanceId(), instance.name(), "Jira refused your connection even after a refresh."));
            }
            if (status == 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
                return after(retryAfter(response), () -> attempt(userId, instance, method, path, query, send, token, rateLimitWaits + 1, readRetries, refreshed));
            }
            if (status >= 500 && method == HttpMethod.GET && readRetries < MAX_READ_RETRIES) {
                return after(Duration.ofMillis(250L << readRetries), () -> attempt(userId, instance, method, path, query, send, token, rateLimitWaits, readRetries + 1, refreshed));
            }
            if (status == 429) {
                return Future.failedFuture(new Failure(ErrorCode.TOO_MANY_ATTEMPTS, instance.name()
                        + " is rate-limiting Testbridge; try again in a minute.", null, retryAfter(response)));
            }
            return Future.succeededFuture(response);
        }, failure -> {
            metrics.jiraCall(instance.instanceId(), method.name(), path, 0);
            errors.record(instance.instanceId(), method + " " + path + " failed: "
                    + (failure instanceof JiraCallFailed call ? call.detail() : failure.getClass().getSimpleName()));
            // only a broken connection is worth another try: an answer over the cap would be as large again, a refused
            // address refused again, and a call past the deadline has used up the time the caller was promised
            boolean retryable = !(failure instanceof JiraCallFailed call) || call.reason() == JiraCallFailed.Reason.UNREACHABLE;
            if (retryable && method == HttpMethod.GET && readRetries < MAX_READ_RETRIES) {
                return after(Duration.ofMillis(250L << readRetries), () -> attempt(userId, instance, method, path, query, send, token, rateLimitWaits, readRetries + 1, refreshed));
            }
            return Future.failedFuture(unusable(instance, failure));
        });
    }

    private String restRoot(JiraSite instance, AccessToken token) {
        if (instance.deployment() == Deployment.CLOUD) {
            String cloudId = token.cloudId() != null ? token.cloudId() : instance.cloudId();
            return atlassianApiUrl + "/ex/jira/" + cloudId + "/rest/api/3";
        }
        return instance.baseUrl() + "/rest/api/2";
    }

    /** A call without a usable answer, in the API's terms; JiraHttp's reasons never quote what answered. */
    private static Failure unusable(JiraSite instance, Throwable failure) {
        if (failure instanceof JiraCallFailed call) {
            return call.reason() == JiraCallFailed.Reason.TOO_LARGE
                    ? new Failure(ErrorCode.JIRA_ERROR, instance.name() + " answered too much: " + call.detail() + ".")
                    : new Failure(call.code(), "Could not reach " + instance.name() + ": " + call.detail() + ". Try again later.");
        }
        return failure instanceof Failure known ? known
                : new Failure(ErrorCode.JIRA_UNAVAILABLE, "Could not reach " + instance.name() + ". Try again later.");
    }

    private static Duration retryAfter(JiraResponse response) {
        try {
            long seconds = Long.parseLong(String.valueOf(response.getHeader("Retry-After")).strip());
            Duration wait = Duration.ofSeconds(Math.max(0, seconds));
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private <T> Future<T> after(Duration delay, java.util.function.Supplier<Future<T>> next) {
        if (delay.isZero()) {
            return next.get();
        }
        Promise<T> promise = Promise.promise();
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> next.get().onComplete(promise));
        return promise.future();
    }
}
