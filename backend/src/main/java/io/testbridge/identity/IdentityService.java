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

    IdentityService(UserService users, SessionStore sessions, LoginThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
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
        String username = attempt.username();
        String address = attempt.clientAddress();
        return throttle.lockedFor(List.of(LoginThrottle.userKey(username), LoginThrottle.addressKey(address)))
                .compose(lock -> lock.isPresent() ? Future.failedFuture(tooManyAttempts(lock.get())) : users.credentials(username))
                .compose(credentials -> users.verifyPassword(credentials, attempt.password()).compose(valid -> {
                    if (!valid) {
                        LOG.info("event=login_failed username={} address={}", username, address);
                        return throttle.recordFailure(username, address).compose(done -> Future.failedFuture(
                                new Failure(ErrorCode.INVALID_CREDENTIALS, "The username or password is wrong.")));
                    }
                    if (credentials.get().disabled()) {
                        return Future.failedFuture(new Failure(ErrorCode.INVALID_CREDENTIALS,
                                "This account is disabled; ask an administrator."));
                    }
                    long userId = credentials.get().userId();
                    // a new session id at every login, and the old one ends: no session fixation
                    Future<Void> endPrevious = attempt.previous() == null ? Future.succeededFuture() : sessions.delete(attempt.previous().hash());
                    return throttle.recordSuccess(username)
                            .compose(done -> endPrevious)
                            .compose(done -> sessions.create(userId, address, attempt.userAgent()))
                            .compose(token -> sessions.resolve(token).compose(principal -> users.find(userId).map(user -> {
                                LOG.info("event=login_succeeded user_id={} address={}", userId, address);
                                return new LoggedIn(token, principal.orElseThrow(), user, sessions.absoluteTimeout());
                            })));
                }));
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
}
