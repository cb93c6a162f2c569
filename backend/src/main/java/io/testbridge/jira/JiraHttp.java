package io.testbridge.jira;

import io.testbridge.config.AppConfig;
import io.testbridge.errors.Failure;
import io.testbridge.shared.Version;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one HTTP client Testbridge uses to call Jira (REST calls, uploads, probes, grant checks).
 * Every call: the {@link OutboundGuard} resolves and checks the host and the call connects to that
 * address (Host header, SNI and certificate check still use the name); one deadline covers connect,
 * headers and body, and closes the connection when it passes, however slowly bytes trickle in; the
 * answer is counted while it streams and the connection is closed as soon as it passes the cap, so
 * no answer larger than the cap is ever held. No redirects, its own User-Agent.
 */
public final class JiraHttp {
    /**
     * Connections kept per Jira host. Vert.x's default (5) queued concurrent users' calls behind
     * each other; every Jira Cloud site is one host (api.atlassian.com), so this is shared by all
     * Cloud instances. Jira's own rate limits, not this pool, are what bounds our load on Jira.
     */
    private static final int CONNECTIONS_PER_HOST = 64;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final OutboundGuard guard;
    private final long deadlineMs;
    private final long maxAnswerBytes;

    public JiraHttp(Vertx vertx, AppConfig.OutboundPolicy policy) {
        this.vertx = vertx;
        this.guard = new OutboundGuard(vertx, policy);
        this.deadlineMs = policy.timeout().toMillis();
        this.maxAnswerBytes = policy.maxAnswerBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        // the pinned address is an IP: SNI must still name the host
                        .setForceSni(true)
                        .setConnectTimeout((int) Math.min(deadlineMs, 5_000)),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
    }

    /** A GET asking for JSON. */
    public Call get(String absoluteUrl) {
        return request(HttpMethod.GET, absoluteUrl);
    }

    /** A call asking for JSON; add headers and query parameters, then send it once. */
    public Call request(HttpMethod method, String absoluteUrl) {
        return new Call(method, absoluteUrl);
    }

    /** The most one call may take, from connecting to the last byte (TESTBRIDGE_JIRA_TIMEOUT_SECONDS). */
    public java.time.Duration timeout() {
        return java.time.Duration.ofMillis(deadlineMs);
    }

    /** The failure of a call (or a caller's attempts) that used up the timeout. */
    JiraCallFailed timedOut() {
        return new JiraCallFailed(JiraCallFailed.Reason.TOO_SLOW, "no complete answer within " + seconds(deadlineMs) + " (TESTBRIDGE_JIRA_TIMEOUT_SECONDS)");
    }

    public void close() {
        client.close();
    }

    /** One request being prepared: headers and query parameters (percent-encoded here), then {@code send}. */
    public final class Call {
        private final HttpMethod method;
        private final String url;
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        private final List<String> query = new ArrayList<>();
        private long callDeadlineMs = deadlineMs;

        private Call(HttpMethod method, String url) {
            this.method = method;
            this.url = url;
            headers.set("Accept", "application/json").set("User-Agent", "Testbridge/" + Version.CURRENT);
        }

        public Call header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /** A shorter deadline for this call (what is left of a caller's own), never a longer one. */
        public Call within(java.time.Duration left) {
            callDeadlineMs = Math.max(1, Math.min(deadlineMs, left.toMillis()));
            return this;
        }

        public Call bearer(String accessToken) {
            return header("Authorization", "Bearer " + accessToken);
        }

        public Call query(String name, String value) {
            query.add(JiraUrl.percentEncode(name) + "=" + JiraUrl.percentEncode(value));
            return this;
        }

        public Future<JiraResponse> send() {
            return send(null);
        }

        public Future<JiraResponse> sendJson(JsonObject body) {
            header("Content-Type", "application/json");
            return send(body.toBuffer());
        }

        public Future<JiraResponse> send(Buffer body) {
            Target target;
            try {
                target = Target.of(url, query);
            } catch (Failure | URISyntaxException e) {
                return Future.failedFuture(new JiraCallFailed(JiraCallFailed.Reason.REFUSED, "the URL " + url + " is not valid"));
            }
            return new Exchange(target, method, headers, body, callDeadlineMs).run();
        }
    }

    /** Where a call goes: the origin, parsed by the same {@link JiraUrl} the guard checks, and the path with its query. */
    private record Target(JiraUrl origin, String pathAndQuery) {
        static Target of(String url, List<String> extraQuery) throws URISyntaxException {
            URI uri = new URI(url);
            JiraUrl origin = JiraUrl.parse("url", uri.getScheme() + "://" + uri.getRawAuthority());
            List<String> query = new ArrayList<>();
            if (uri.getRawQuery() != null) {
                query.add(uri.getRawQuery());
            }
            query.addAll(extraQuery);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new Target(origin, query.isEmpty() ? path : path + "?" + String.join("&", query));
        }
    }

    /** One call on the wire: guard and pin, send, read within the cap, all within the deadline. */
    private final class Exchange {
        private final Target target;
        private final HttpMethod method;
        private final MultiMap headers;
        private final Buffer body;
        private final long exchangeDeadlineMs;
        private final Promise<JiraResponse> result = Promise.promise();
        private HttpClientRequest request;
        private long received;

        Exchange(Target target, HttpMethod method, MultiMap headers, Buffer body, long exchangeDeadlineMs) {
            this.exchangeDeadlineMs = exchangeDeadlineMs;
            this.target = target;
            this.method = method;
            this.headers = headers;
            this.body = body;
        }

        Future<JiraResponse> run() {
            long timer = vertx.setTimer(exchangeDeadlineMs, id -> abort(timedOut()));
            guard.pin(target.origin())
                    .recover(failure -> Future.failedFuture(failure instanceof UnknownHostException
                            ? new JiraCallFailed(JiraCallFailed.Reason.UNREACHABLE, target.origin().host() + " is not a known host name")
                            : failure instanceof OutboundGuard.ForbiddenAddressException forbidden
                            ? new JiraCallFailed(JiraCallFailed.Reason.REFUSED, forbidden.getMessage())
                            : failure))
                    .compose(address -> client.request(new RequestOptions()
                            .setMethod(method)
                            .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.origin().effectivePort())))
                            .setHost(target.origin().hostName())
                            .setPort(target.origin().effectivePort())
                            .setSsl(target.origin().isHttps())
                            .setURI(target.pathAndQuery())
                            .setHeaders(headers)
                            .setFollowRedirects(false)))
                    .compose(sending -> {
                        request = sending;
                        if (result.future().isComplete()) {
                            // the deadline passed while connecting
                            sending.reset();
                            return Future.failedFuture(result.future().cause());
                        }
                        return body == null ? sending.send() : sending.send(body);
                    })
                    .onSuccess(this::read)
                    .onFailure(this::abort);
            return result.future().andThen(done -> vertx.cancelTimer(timer));
        }

        private void read(HttpClientResponse response) {
            String length = response.getHeader("Content-Length");
            if (length != null && length.strip().matches("[0-9]{1,18}") && Long.parseLong(length.strip()) > maxAnswerBytes) {
                abort(tooLarge());
                return;
            }
            Buffer answer = Buffer.buffer();
            response.exceptionHandler(this::abort);
            response.handler(chunk -> {
                received += chunk.length();
                if (received > maxAnswerBytes) {
                    abort(tooLarge());
                } else if (!result.future().isComplete()) {
                    answer.appendBuffer(chunk);
                }
            });
            response.endHandler(end -> result.tryComplete(new JiraResponse(response.statusCode(), response.headers(), answer)));
        }

        private JiraCallFailed tooLarge() {
            return new JiraCallFailed(JiraCallFailed.Reason.TOO_LARGE, "the answer was larger than "
                    + maxAnswerBytes / (1024 * 1024) + " MB (TESTBRIDGE_JIRA_MAX_ANSWER_MB), so Testbridge stopped reading it");
        }

        /** Fails the call once and closes its connection, so a hostile answer stops at once (a reset closes an HTTP/1.1 connection). */
        private void abort(Throwable failure) {
            if (result.tryFail(failure instanceof JiraCallFailed known ? known : JiraCallFailed.of(failure)) && request != null) {
                request.reset(0, failure);
            }
        }
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
