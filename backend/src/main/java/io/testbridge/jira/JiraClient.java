package io.testbridge.jira;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

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
    public Future<HttpResponse<Buffer>> call(long userId, JiraSite instance, HttpMethod method, String path,
                                             Map<String, String> query, JsonObject body) {
        return callRaw(userId, instance, method, path, query, body).compose(response -> answered(response, instance));
    }

    /** Like {@link #call}, but Jira's own error answers (400, 403, 404, 5xx) come back as responses for the caller to read. */
    public Future<HttpResponse<Buffer>> callRaw(long userId, JiraSite instance, HttpMethod method, String path,
                                                Map<String, String> query, JsonObject body) {
        Send send = body == null ? HttpRequest::send : request -> request.sendJsonObject(body);
        return tokens.usable(userId, instance)
                .compose(token -> attempt(userId, instance, method, path, query, send, token, 0, 0, false));
    }

    /**
     * Posts one file as multipart/form-data in the part {@code file}, with the header Jira's XSRF
     * protection asks for (e.g. issue attachments); Jira's error answers become {@link Failure}s.
     */
    public Future<HttpResponse<Buffer>> upload(long userId, JiraSite instance, String path, String filename, String contentType, Buffer content) {
        String boundary = "testbridge-" + java.util.UUID.randomUUID();
        String safeName = filename.replaceAll("[\\p{Cntrl}\"\\\\]", "_");
        Buffer multipart = Buffer.buffer(content.length() + 512).appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n")
                .appendString("Content-Type: " + contentType + "\r\n\r\n").appendBuffer(content)
                .appendString("\r\n--" + boundary + "--\r\n");
        Send send = request -> request.putHeader("X-Atlassian-Token", "no-check")
                .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(multipart);
        return tokens.usable(userId, instance)
                .compose(token -> attempt(userId, instance, HttpMethod.POST, path, Map.of(), send, token, 0, 0, false))
                .compose(response -> answered(response, instance));
    }

    /** The response, or Jira's error answer in Jira's own words. */
    private static Future<HttpResponse<Buffer>> answered(HttpResponse<Buffer> response, JiraSite instance) {
        return response.statusCode() < 400 ? Future.succeededFuture(response) : Future.failedFuture(JiraErrors.describe(response, instance.name()));
    }

    /** Sends a prepared request (auth and query set) with its body; called again on each retry. */
    @FunctionalInterface
    private interface Send {
        Future<HttpResponse<Buffer>> to(HttpRequest<Buffer> request);
    }

    /** Fails with jira_auth_required now, before any work, when the user would have to authenticate first. */
    public Future<Void> requireConnection(long userId, JiraSite instance) {
        return tokens.usable(userId, instance).mapEmpty();
    }

    private Future<HttpResponse<Buffer>> attempt(long userId, JiraSite instance, HttpMethod method, String path, Map<String, String> query,
                                                 Send send, AccessToken token, int rateLimitWaits, int readRetries, boolean refreshed) {
        HttpRequest<Buffer> request = http.request(method, restRoot(instance, token) + path).bearerTokenAuthentication(token.value());
        query.forEach(request::addQueryParam);
        Future<HttpResponse<Buffer>> sent = send.to(request);
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
            errors.record(instance.instanceId(), method + " " + path + " failed: " + failure.getMessage());
            if (method == HttpMethod.GET && readRetries < MAX_READ_RETRIES) {
                return after(Duration.ofMillis(250L << readRetries), () -> attempt(userId, instance, method, path, query, send, token, rateLimitWaits, readRetries + 1, refreshed));
            }
            return Future.failedFuture(new Failure(ErrorCode.JIRA_UNAVAILABLE, "Could not reach " + instance.name() + ": "
                    + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()) + ". Try again later."));
        });
    }

    private String restRoot(JiraSite instance, AccessToken token) {
        if (instance.deployment() == Deployment.CLOUD) {
            String cloudId = token.cloudId() != null ? token.cloudId() : instance.cloudId();
            return atlassianApiUrl + "/ex/jira/" + cloudId + "/rest/api/3";
        }
        return instance.baseUrl() + "/rest/api/2";
    }

    private static Duration retryAfter(HttpResponse<Buffer> response) {
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
