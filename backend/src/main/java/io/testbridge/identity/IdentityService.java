package io.testbridge.identity;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The identity door's implementation, on the identity verticle's context. */
final class IdentityService implements Identity {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

    private final UserService users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final ApiTokenStore apiTokens;

    IdentityService(UserService users, SessionStore sessions, LoginThrottle throttle, ApiTokenStore apiTokens) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.apiTokens = apiTokens;
    }

    @Override
    public Future<Boolean> anyUserExists() {
        return users.anyUserExists();
    }

    @Override
    public Future<User> createFirstAdmin(NewUser user) {
        return users.createFirstAdmin(user);
    }

    @Override
    public Future<List<User>> listUsers() {
        return users.list();
    }

    @Override
    public Future<List<User>> usersById(List<Long> ids) {
        return users.findAll(ids);
    }

    @Override
    public Future<User> user(long id) {
        return users.find(id);
    }

    @Override
    public Future<Long> countUsers() {
        return users.count();
    }

    @Override
    public Future<User> createUser(NewUser user, List<Long> roleIds) {
        return users.create(user, roleIds);
    }

    @Override
    public Future<User> updateUser(long id, JsonObject patch) {
        return users.update(id, patch);
    }

    @Override
    public Future<Void> setPassword(long id, String password) {
        return users.setPassword(id, password);
    }

    @Override
    public Future<Void> changeOwnPassword(long userId, String currentPassword, String newPassword, String clientAddress) {
        try {
            PasswordPolicy.requireStrong(newPassword, "newPassword");
        } catch (Failure weak) {
            return Future.failedFuture(weak);
        }
        return users.account(userId).compose(account -> {
            LoginThrottle.Keys keys = LoginThrottle.Keys.of(account, clientAddress);
            return throttle.claim(keys).compose(lock -> lock.isPresent()
                    ? Future.failedFuture(tooManyAttempts(lock.get()))
                    : users.verifyPassword(account.credentials(), currentPassword)
                            .recover(notChecked -> throttle.notChecked(keys).compose(done -> Future.failedFuture(notChecked)))
                            .compose(valid -> {
                                if (!valid) {
                                    LOG.info("event=password_change_refused user_id={} address={}", userId, clientAddress);
                                    return Future.failedFuture(Failure.invalid("currentPassword", "The current password is wrong."));
                                }
                                return throttle.succeeded(keys).compose(done -> users.setPassword(userId, newPassword))
                                        .onSuccess(done -> LOG.info("event=password_changed user_id={} address={}", userId, clientAddress));
                            }));
        });
    }

    @Override
    public Future<List<Role>> listRoles() {
        return users.roles();
    }

    @Override
    public Future<Role> createRole(String name, Set<Right> rights) {
        return users.createRole(name, rights);
    }

    @Override
    public Future<Role> updateRole(long id, JsonObject patch) {
        return users.updateRole(id, patch);
    }

    @Override
    public Future<Void> deleteRole(long id) {
        return users.deleteRole(id);
    }

    @Override
    public Future<LoggedIn> logIn(LoginAttempt attempt) {
        String address = attempt.clientAddress();
        return users.account(attempt.username()).compose(account -> {
            LoginThrottle.Keys keys = LoginThrottle.Keys.of(account, address);
            return throttle.claim(keys).compose(lock -> lock.isPresent()
                    ? Future.failedFuture(tooManyAttempts(lock.get()))
                    : users.verifyPassword(account.credentials(), attempt.password())
                            .recover(notChecked -> throttle.notChecked(keys).compose(done -> Future.failedFuture(notChecked)))
                            .compose(valid -> valid ? loggedIn(attempt, account.credentials().orElseThrow(), keys) : failed(account, address)));
        });
    }

    private Future<LoggedIn> failed(UserService.Account account, String address) {
        // the name is logged as the lookup normalised it; the login schema allows letters, digits and ._@- only
        LOG.info("event=login_failed username={} address={}", account.normalizedName(), address);
        return Future.failedFuture(new Failure(ErrorCode.INVALID_CREDENTIALS, "The username or password is wrong."));
    }

    private Future<LoggedIn> loggedIn(LoginAttempt attempt, UserService.Credentials credentials, LoginThrottle.Keys keys) {
        if (credentials.disabled()) {
            return Future.failedFuture(new Failure(ErrorCode.INVALID_CREDENTIALS, "This account is disabled; ask an administrator."));
        }
        long userId = credentials.userId();
        String address = attempt.clientAddress();
        // a new session id at every login, and the old one ends: no session fixation
        Future<Void> endPrevious = attempt.previous() == null ? Future.succeededFuture() : sessions.delete(attempt.previous().hash());
        return throttle.succeeded(keys)
                .compose(done -> endPrevious)
                .compose(done -> sessions.create(userId, address, attempt.userAgent()))
                .compose(token -> sessions.resolve(token).compose(principal -> users.find(userId).map(user -> {
                    LOG.info("event=login_succeeded user_id={} address={}", userId, address);
                    return new LoggedIn(token, principal.orElseThrow(), user, sessions.absoluteTimeout());
                })));
    }

    private static Failure tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        return new Failure(ErrorCode.TOO_MANY_ATTEMPTS,
                "Too many failed logins; try again in " + seconds + " seconds.", null, Duration.ofSeconds(seconds));
    }

    @Override
    public Future<Optional<Principal>> resolveSession(SessionToken token) {
        return sessions.resolve(token);
    }

    @Override
    public Future<Void> logOut(byte[] sessionHash) {
        return sessions.delete(sessionHash);
    }

    @Override
    public Future<Void> logOutEverywhere(long userId) {
        return sessions.deleteAllOf(userId);
    }

    @Override
    public Future<Principal> resolveApiToken(ApiTokenSecret token) {
        return apiTokens.resolve(token);
    }

    @Override
    public Future<CreatedApiToken> createApiToken(long userId, NewApiToken token) {
        return apiTokens.create(userId, token);
    }

    @Override
    public Future<List<ApiToken>> listApiTokens(long userId) {
        return apiTokens.listOf(userId);
    }

    @Override
    public Future<List<ApiToken>> listAllApiTokens() {
        return apiTokens.listAll();
    }

    @Override
    public Future<Void> revokeOwnApiToken(long userId, long tokenId) {
        return apiTokens.revokeOwn(userId, tokenId);
    }

    @Override
    public Future<Void> revokeAnyApiToken(long tokenId, long byUserId) {
        return apiTokens.revokeAny(tokenId, byUserId);
    }

    @Override
    public Future<Integer> forgetQuietLoginCounters() {
        return throttle.forgetQuiet();
    }
}
