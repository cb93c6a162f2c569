package io.testbridge.sessions;

import io.testbridge.http.ApiException;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.ErrorCode;
import io.testbridge.http.Requests;
import io.testbridge.users.Right;
import io.testbridge.users.User;
import io.testbridge.users.UserService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Login, logout and "who am I". */
public final class SessionsApi implements ApiModule {
    private static final Logger LOG = LoggerFactory.getLogger(SessionsApi.class);

    private final UserService users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final SessionCookie cookie;

    public SessionsApi(UserService users, SessionStore sessions, LoginThrottle throttle, SessionCookie cookie) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.cookie = cookie;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "login", this::login,
                "logout", ctx -> {
                    cookie.clear(ctx);
                    ApiResponses.reply(ctx, 204, sessions.delete(Requests.principal(ctx).sessionHash()));
                },
                "logoutEverywhere", ctx -> {
                    cookie.clear(ctx);
                    ApiResponses.reply(ctx, 204, sessions.deleteAllOf(Requests.principal(ctx).userId()));
                },
                "getMe", ctx -> {
                    Principal principal = Requests.principal(ctx);
                    ApiResponses.reply(ctx, 200, users.find(principal.userId())
                            .map(user -> me(user, principal.rights(), principal.csrfToken())));
                });
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        String username = body.getString("username").strip();
        String password = body.getString("password");
        String address = Requests.clientAddress(ctx);
        SessionToken previous = cookie.read(ctx);
        throttle.lockedFor(List.of(LoginThrottle.userKey(username), LoginThrottle.addressKey(address)))
                .compose(lock -> lock.isPresent() ? Future.failedFuture(tooManyAttempts(lock.get())) : users.credentials(username))
                .compose(credentials -> users.verifyPassword(credentials, password).compose(valid -> {
                    if (!valid) {
                        LOG.info("event=login_failed username={} address={}", username, address);
                        return throttle.recordFailure(username, address).compose(done -> Future.failedFuture(
                                new ApiException(ErrorCode.INVALID_CREDENTIALS, "The username or password is wrong.")));
                    }
                    if (credentials.get().disabled()) {
                        return Future.failedFuture(new ApiException(ErrorCode.INVALID_CREDENTIALS,
                                "This account is disabled; ask an administrator."));
                    }
                    long userId = credentials.get().userId();
                    // a new session id at every login, and the old one ends: no session fixation
                    Future<Void> endPrevious = previous == null ? Future.succeededFuture() : sessions.delete(previous.hash());
                    return throttle.recordSuccess(username)
                            .compose(done -> endPrevious)
                            .compose(done -> sessions.create(userId, address, ctx.request().getHeader("User-Agent")))
                            .compose(token -> sessions.resolve(token).map(principal -> {
                                cookie.set(ctx, token, sessions.absoluteTimeout());
                                return principal.orElseThrow();
                            }));
                }))
                .compose(principal -> users.find(principal.userId()).map(user -> {
                    LOG.info("event=login_succeeded user_id={} address={}", user.id(), address);
                    return me(user, principal.rights(), principal.csrfToken());
                }))
                .onSuccess(me -> ApiResponses.json(ctx, 200, me))
                .onFailure(ctx::fail);
    }

    private static ApiException tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        return new ApiException(ErrorCode.TOO_MANY_ATTEMPTS,
                "Too many failed logins; try again in " + seconds + " seconds.", null, Duration.ofSeconds(seconds));
    }

    static JsonObject me(User user, Collection<Right> rights, String csrfToken) {
        JsonArray names = new JsonArray();
        rights.stream().sorted().forEach(right -> names.add(right.name()));
        return new JsonObject().put("user", user.toJson()).put("rights", names).put("csrfToken", csrfToken);
    }
}
