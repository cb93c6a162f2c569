package io.testbridge.jirasim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies {@link FaultSpec}s to incoming requests (never to the control API). Rules are checked in
 * the order added; at most one latency and one failure apply to a request, each using up one count.
 */
public final class FaultInjector {

    /** A rule as installed, with what is left of its count. */
    public record ActiveFault(long id, FaultSpec spec, int remaining) {
    }

    private static final class Rule {
        final long id;
        final FaultSpec spec;
        final AtomicInteger remaining;

        Rule(long id, FaultSpec spec) {
            this.id = id;
            this.spec = spec;
            this.remaining = new AtomicInteger(spec.count());
        }

        /** Takes one use of the rule; unlimited rules (-1) never run out. */
        boolean consume() {
            if (spec.count() < 0) {
                return true;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private SimClock clock = SimClock.system();

    void useClock(SimClock value) {
        this.clock = value;
    }

    /** Installs a fault and returns its id (for {@link #remove(long)}). */
    public long add(FaultSpec spec) {
        Rule rule = new Rule(ids.incrementAndGet(), spec);
        rules.add(rule);
        return rule.id;
    }

    public boolean remove(long id) {
        return rules.removeIf(rule -> rule.id == id);
    }

    public void clear() {
        rules.clear();
    }

    public List<ActiveFault> active() {
        List<ActiveFault> result = new ArrayList<>();
        rules.forEach(rule -> result.add(new ActiveFault(rule.id, rule.spec, rule.remaining.get())));
        return result;
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/_control")) {
            ctx.next();
            return;
        }
        String method = ctx.request().method().name();
        Rule delay = firstMatching(method, path, true);
        Rule failure = firstMatching(method, path, false);
        if (delay != null) {
            ctx.vertx().setTimer(Math.max(1, delay.spec.latencyMillis()), id -> failOrContinue(ctx, failure, path));
        } else {
            failOrContinue(ctx, failure, path);
        }
    }

    private Rule firstMatching(String method, String path, boolean latency) {
        for (Rule rule : rules) {
            boolean isLatency = rule.spec.kind() == FaultKind.LATENCY;
            if (isLatency == latency && rule.spec.matches(method, path) && rule.consume()) {
                return rule;
            }
        }
        return null;
    }

    private void failOrContinue(RoutingContext ctx, Rule rule, String path) {
        if (rule == null) {
            ctx.next();
            return;
        }
        FaultSpec spec = rule.spec;
        switch (spec.kind()) {
            case RATE_LIMIT -> {
                if (spec.sendsRetryAfter()) {
                    ctx.response().putHeader("Retry-After", String.valueOf(spec.retryAfterSeconds()))
                            .putHeader("X-RateLimit-Reset", clock.now().plusSeconds(spec.retryAfterSeconds()).toString());
                }
                ctx.response().putHeader("RateLimit-Reason", "jira-burst-based");
                failureBody(ctx, 429, path, "too_many_requests", "Rate limit exceeded.");
            }
            case SERVER_ERROR -> {
                if (spec.sendsRetryAfter()) {
                    ctx.response().putHeader("Retry-After", String.valueOf(spec.retryAfterSeconds()));
                }
                failureBody(ctx, spec.status() == 0 ? 500 : spec.status(), path, "server_error", "Internal server error");
            }
            case HTML_ERROR_PAGE -> htmlErrorPage(ctx, spec.status() == 0 ? 502 : spec.status());
            case CONNECTION_RESET -> reset(ctx);
            case ANSWER_LOST -> {
                ctx.addHeadersEndHandler(v -> reset(ctx));
                ctx.next();
            }
            default -> ctx.next();
        }
    }

    private static void failureBody(RoutingContext ctx, int status, String path, String oauthError, String message) {
        if (Flavours.isOAuthEndpoint(path)) {
            Responses.json(ctx, status, new JsonObject().put("error", oauthError).put("error_description", message));
        } else {
            Responses.jiraError(ctx, status, message);
        }
    }

    private static void htmlErrorPage(RoutingContext ctx, int status) {
        String reason = status == 502 ? "Bad Gateway" : status == 503 ? "Service Temporarily Unavailable"
                : status == 504 ? "Gateway Time-out" : "Error";
        Responses.html(ctx, status, "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n"
                + "<body>\r\n<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n"
                + "</body>\r\n</html>\r\n");
    }

    /** SO_LINGER 0 makes close() send RST instead of FIN: the client sees "connection reset". */
    private static void reset(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection) {
            Channel channel = connection.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        } else {
            ctx.request().connection().close();
        }
    }
}
