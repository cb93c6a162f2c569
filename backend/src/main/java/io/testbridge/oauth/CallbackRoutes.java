package io.testbridge.oauth;

import io.testbridge.http.RequestIds;
import io.testbridge.http.Requests;
import io.testbridge.sessions.Principal;
import io.testbridge.sessions.SessionCookie;
import io.testbridge.sessions.SessionStore;
import io.testbridge.sessions.SessionToken;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /oauth/callback}: where Jira sends the browser back. It is a page, not an API call,
 * so it renders HTML; the session cookie (SameSite=Lax travels on this top-level redirect) tells
 * who is looking, and the flow only proceeds for the user who started it.
 */
public final class CallbackRoutes {
    private final OAuthFlows flows;
    private final SessionStore sessions;
    private final SessionCookie cookie;

    public CallbackRoutes(OAuthFlows flows, SessionStore sessions, SessionCookie cookie) {
        this.flows = flows;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    public void mount(Router router) {
        Buffer script = resource("oauth/callback.js");
        Buffer style = resource("oauth/callback.css");
        router.get("/oauth/callback.js").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").end(script));
        router.get("/oauth/callback.css").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/css; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").end(style));
        router.get("/oauth/callback").handler(this::callback);
    }

    private void callback(RoutingContext ctx) {
        var params = ctx.queryParams();
        SessionToken token = cookie.read(ctx);
        Future<Optional<Principal>> principal = token == null ? Future.succeededFuture(Optional.empty()) : sessions.resolve(token);
        principal.compose(who -> flows.callback(single(params.getAll("state")), single(params.getAll("code")),
                        single(params.getAll("error")), single(params.getAll("error_description")), who,
                        RequestIds.of(ctx), Requests.clientAddress(ctx)))
                .onSuccess(result -> {
                    String html = result.succeeded()
                            ? CallbackPage.success(result.verificationCode(), result.instanceName(), OAuthFlows.VERIFICATION_LIFETIME.toMinutes())
                            : CallbackPage.failure(result.title(), result.message(), result.endedFlow());
                    ctx.response().setStatusCode(result.succeeded() ? 200 : 400)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(html);
                })
                .onFailure(ctx::fail);
    }

    /** A parameter sent once; sent twice it counts as missing (no guessing which one Jira meant). */
    private static String single(java.util.List<String> values) {
        return values.size() == 1 ? values.get(0) : null;
    }

    private static Buffer resource(String path) {
        try (InputStream in = CallbackRoutes.class.getClassLoader().getResourceAsStream(path)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
