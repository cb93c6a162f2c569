package io.testbridge.http.routes;

import io.testbridge.http.RequestIds;
import io.testbridge.http.Requests;
import io.testbridge.http.SessionCookie;
import io.testbridge.identity.Identity;
import io.testbridge.identity.Principal;
import io.testbridge.identity.SessionToken;
import io.testbridge.oauth.CallbackRequest;
import io.testbridge.oauth.OAuth;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /oauth/callback}: where Jira sends the browser back. It is a page, not an API call,
 * so it renders HTML; the session cookie (SameSite=Lax travels on this top-level redirect) tells
 * who is looking, and the flow only proceeds for the user who started it.
 */
public final class OAuthCallbackRoutes {
    private final OAuth oauth;
    private final Identity identity;
    private final SessionCookie cookie;

    public OAuthCallbackRoutes(OAuth oauth, Identity identity, SessionCookie cookie) {
        this.oauth = oauth;
        this.identity = identity;
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
        MultiMap params = ctx.queryParams();
        SessionToken token = cookie.read(ctx);
        Future<Optional<Principal>> session = token == null ? Future.succeededFuture(Optional.empty()) : identity.resolveSession(token);
        session.compose(who -> oauth.callback(new CallbackRequest(single(params.getAll("state")), single(params.getAll("code")),
                        single(params.getAll("error")), single(params.getAll("error_description")),
                        who.map(Principal::userId).orElse(null), who.map(Principal::username).orElse(null),
                        RequestIds.of(ctx), Requests.clientAddress(ctx))))
                .onSuccess(result -> {
                    String html = result.succeeded()
                            ? CallbackPage.success(result.verificationCode(), result.instanceName(), result.codeMinutesValid())
                            : CallbackPage.failure(result.title(), result.message(), result.endedFlow());
                    ctx.response().setStatusCode(result.succeeded() ? 200 : 400)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(html);
                })
                .onFailure(ctx::fail);
    }

    /** A parameter sent once; sent twice it counts as missing (no guessing which one Jira meant). */
    private static String single(List<String> values) {
        return values.size() == 1 ? values.get(0) : null;
    }

    private static Buffer resource(String path) {
        try (InputStream in = OAuthCallbackRoutes.class.getClassLoader().getResourceAsStream(path)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
