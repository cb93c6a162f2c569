package io.testbridge.http;

import io.testbridge.identity.SessionToken;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/** The session cookie: HttpOnly, SameSite=Lax, Secure when the public URL is https. */
public final class SessionCookie {
    public static final String NAME = "testbridge_session";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    public SessionToken read(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(NAME);
        return cookie == null ? null : SessionToken.parse(cookie.getValue());
    }

    public void set(RoutingContext ctx, SessionToken token, Duration maxAge) {
        ctx.response().addCookie(base(token.value()).setMaxAge(maxAge.toSeconds()));
    }

    public void clear(RoutingContext ctx) {
        ctx.response().addCookie(base("").setMaxAge(0));
    }

    private Cookie base(String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX);
    }
}
