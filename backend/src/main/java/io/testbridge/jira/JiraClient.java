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
 * refresh and one retry after a 401 (not after the Cloud gateway's "scope does not match", which a
 * refresh cannot cure), waits on 429 and 503 (Retry-After when Jira sends it, else a backoff with
 * jitter), and a bounded retry of reads on 5xx or a broken connection. All the attempts and waits of
 * one call fit in one Jira timeout: a wait that would not fit ends the call at once with when to
 * retry, so no person's request is held open longer than the timeout. {@link #call} turns Jira's
 * error answers into {@link Failure}s with Jira's own words.
 */
public final class JiraClient {
    private static final int MAX_RATE_LIMIT_WAITS = 3;
    private static final int MAX_READ_RETRIES = 2;
    /** The first wait on a 429 without Retry-After; each next one doubles (Atlassian asks for exponential backoff). */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

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
        long deadline = deadlineFromNow();
        return tokens.usable(userId, instance)
                .compose(token -> new Attempts(userId, instance, method, path, query, send, deadline).next(token));
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
        long deadline = deadlineFromNow();
        return tokens.usable(userId, instance)
                .compose(token -> new Attempts(userId, instance, HttpMethod.POST, path, Map.of(), send, deadline).next(token))
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

    private long deadlineFromNow() {
        return System.nanoTime() + http.timeout().toNanos();
    }

    /** One call's attempts: what it has used up of its waits, retries and time. */
    private final class Attempts {
        private final long userId;
        private final JiraSite instance;
        private final HttpMethod method;
        private final String path;
        private final Map<String, String> query;
        private final Send send;
        private final long deadlineNanos;
        private int rateLimitWaits;
        private int readRetries;
        private boolean refreshed;

        Attempts(long userId, JiraSite instance, HttpMethod method, String path, Map<String, String> query, Send send, long deadlineNanos) {
            this.userId = userId;
            this.instance = instance;
            this.method = method;
            this.path = path;
            this.query = query;
            this.send = send;
            this.deadlineNanos = deadlineNanos;
        }

        Future<JiraResponse> next(AccessToken token) {
            Duration left = left();
            if (left.isZero()) {
                return Future.failedFuture(unusable(instance, http.timedOut()));
            }
            JiraHttp.Call request = http.request(method, restRoot(instance, token) + path).bearer(token.value()).within(left);
            query.forEach(request::query);
            return send.to(request).compose(response -> answered(response, token), failure -> broken(failure, token));
        }

        private Future<JiraResponse> answered(JiraResponse response, AccessToken token) {
            int status = response.statusCode();
            metrics.jiraCall(instance.instanceId(), method.name(), path, status);
            if (status >= 500 || status == 429) {
                errors.record(instance.instanceId(), method + " " + path + " answered HTTP " + status);
            }
            if (status == 401 && instance.isCloud() && JiraErrors.isScopeMismatch(response)) {
                errors.record(instance.instanceId(), method + " " + path + " answered HTTP 401: scope does not match");
                return Future.failedFuture(JiraErrors.scopeMismatch(instance.name()));
            }
            if (status == 401 && !refreshed) {
                refreshed = true;
                return tokens.refreshAfterUnauthorized(userId, instance, token.version()).compose(this::next);
            }
            if (status == 401) {
                return Future.failedFuture(new JiraAuthRequired(instance.instanceId(), instance.name(), "Jira refused your connection even after a refresh."));
            }
            Duration retryAfter = JiraClient.retryAfter(response);
            boolean waitable = status == 429 || (status == 503 && retryAfter != null);
            if (waitable) {
                // without Retry-After (Jira may leave it out): back off exponentially, with jitter so users do not retry in step
                Duration wait = retryAfter != null ? retryAfter : jittered(FIRST_BACKOFF.multipliedBy(1L << rateLimitWaits));
                // a 503 may have done the work: only reads are repeated; a 429 did nothing, so any call may be
                boolean repeatable = status == 429 || method == HttpMethod.GET;
                if (repeatable && rateLimitWaits < MAX_RATE_LIMIT_WAITS && fits(wait)) {
                    rateLimitWaits++;
                    return after(wait, () -> next(token));
                }
                return Future.failedFuture(status == 429
                        ? new Failure(ErrorCode.TOO_MANY_ATTEMPTS, instance.name() + " is rate-limiting Testbridge; try again in "
                                + seconds(wait) + ".", null, wait)
                        : new Failure(ErrorCode.JIRA_UNAVAILABLE, instance.name() + " is busy (HTTP 503); try again in " + seconds(wait) + ".", null, wait));
            }
            if (status >= 500 && method == HttpMethod.GET && readRetries < MAX_READ_RETRIES) {
                Duration wait = Duration.ofMillis(250L << readRetries);
                if (fits(wait)) {
                    readRetries++;
                    return after(wait, () -> next(token));
                }
            }
            return Future.succeededFuture(response);
        }

        private Future<JiraResponse> broken(Throwable failure, AccessToken token) {
            metrics.jiraCall(instance.instanceId(), method.name(), path, 0);
            errors.record(instance.instanceId(), method + " " + path + " failed: "
                    + (failure instanceof JiraCallFailed call ? call.detail() : failure.getClass().getSimpleName()));
            // only a broken connection is worth another try: an answer over the cap would be as large again, a refused
            // address refused again, and a call past the deadline has used up the time the caller was promised
            boolean retryable = !(failure instanceof JiraCallFailed call) || call.reason() == JiraCallFailed.Reason.UNREACHABLE;
            Duration wait = Duration.ofMillis(250L << readRetries);
            if (retryable && method == HttpMethod.GET && readRetries < MAX_READ_RETRIES && fits(wait)) {
                readRetries++;
                return after(wait, () -> next(token));
            }
            return Future.failedFuture(unusable(instance, failure));
        }

        private Duration left() {
            long nanos = deadlineNanos - System.nanoTime();
            return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
        }

        /** A wait fits when it leaves time for the next attempt to be answered (a tenth of the timeout at least). */
        private boolean fits(Duration wait) {
            return wait.plus(http.timeout().dividedBy(10)).compareTo(left()) <= 0;
        }
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

    /** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), or null when Jira sent none (or nonsense). */
    private static Duration retryAfter(JiraResponse response) {
        String value = response.getHeader("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.matches("[0-9]{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            Duration until = Duration.between(java.time.Instant.now(),
                    java.time.ZonedDateTime.parse(text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static Duration jittered(Duration wait) {
        double factor = 0.8 + java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "1 second" : seconds + " seconds";
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
