package io.testbridge.jirasim;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One fault to inject: what, how many times ({@code count}, -1 = until cleared) and on which
 * requests. Targets combine: a path prefix (from the server root, e.g. "/cloud/auth/oauth/token"),
 * a regular expression matched against the whole path, a flavour ("cloud-auth", "cloud-api",
 * "cloud-site", "dc-{instance}") and an HTTP method; null means "any".
 */
public record FaultSpec(FaultKind kind, int count, String pathPrefix, String pathPattern, String flavour,
        String method, long latencyMillis, int retryAfterSeconds, int status) {

    /** {@code retryAfterSeconds} of an answer without Retry-After. */
    public static final int NO_RETRY_AFTER = -1;

    public FaultSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (pathPattern != null) {
            Pattern.compile(pathPattern);
        }
    }

    public static FaultSpec latency(Duration delay) {
        return new FaultSpec(FaultKind.LATENCY, -1, null, null, null, null, delay.toMillis(), 0, 0);
    }

    /** 429 with Retry-After; a negative {@code retryAfterSeconds} leaves the header out, as Jira may. */
    public static FaultSpec rateLimit(int count, int retryAfterSeconds) {
        return new FaultSpec(FaultKind.RATE_LIMIT, count, null, null, null, null, 0, retryAfterSeconds, 429);
    }

    /** 429 without Retry-After: Atlassian documents the header as one a 429 may carry, not always does. */
    public static FaultSpec rateLimitWithoutRetryAfter(int count) {
        return rateLimit(count, NO_RETRY_AFTER);
    }

    public static FaultSpec serverError(int count, int status) {
        return new FaultSpec(FaultKind.SERVER_ERROR, count, null, null, null, null, 0, NO_RETRY_AFTER, status);
    }

    /** The same fault answered with Retry-After (Jira Cloud sends it with some 503s too). */
    public FaultSpec withRetryAfter(int seconds) {
        return new FaultSpec(kind, count, pathPrefix, pathPattern, flavour, method, latencyMillis, seconds, status);
    }

    /** Whether the answer carries Retry-After (a negative value leaves it out). */
    boolean sendsRetryAfter() {
        return retryAfterSeconds >= 0;
    }

    public static FaultSpec htmlErrorPage(int count, int status) {
        return new FaultSpec(FaultKind.HTML_ERROR_PAGE, count, null, null, null, null, 0, 0, status);
    }

    public static FaultSpec answerLost(int count) {
        return new FaultSpec(FaultKind.ANSWER_LOST, count, null, null, null, null, 0, NO_RETRY_AFTER, 0);
    }

    public static FaultSpec connectionReset(int count) {
        return new FaultSpec(FaultKind.CONNECTION_RESET, count, null, null, null, null, 0, 0, 0);
    }

    public FaultSpec onPathPrefix(String prefix) {
        return new FaultSpec(kind, count, prefix, pathPattern, flavour, method, latencyMillis, retryAfterSeconds,
                status);
    }

    public FaultSpec onPathPattern(String regex) {
        return new FaultSpec(kind, count, pathPrefix, regex, flavour, method, latencyMillis, retryAfterSeconds,
                status);
    }

    public FaultSpec onFlavour(String value) {
        return new FaultSpec(kind, count, pathPrefix, pathPattern, value, method, latencyMillis, retryAfterSeconds,
                status);
    }

    public FaultSpec onMethod(String value) {
        return new FaultSpec(kind, count, pathPrefix, pathPattern, flavour, value, latencyMillis, retryAfterSeconds,
                status);
    }

    public FaultSpec times(int value) {
        return new FaultSpec(kind, value, pathPrefix, pathPattern, flavour, method, latencyMillis, retryAfterSeconds,
                status);
    }

    boolean matches(String requestMethod, String path) {
        return (pathPrefix == null || path.startsWith(pathPrefix))
                && (pathPattern == null || path.matches(pathPattern))
                && (flavour == null || flavour.equalsIgnoreCase(Flavours.of(path)))
                && (method == null || method.equalsIgnoreCase(requestMethod));
    }
}
