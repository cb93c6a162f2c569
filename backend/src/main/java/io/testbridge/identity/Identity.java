package io.testbridge.identity;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity module's door: people, their roles and rights, logins and sessions. It owns the
 * tables users, roles, user_roles, sessions and login_throttle. Every change that could leave
 * nobody able to manage users is refused.
 */
@Door(value = EventAddresses.IDENTITY, timeoutSeconds = 30)
public interface Identity {
    Future<Boolean> anyUserExists();

    /** The first administrator; refused once any user exists. */
    Future<User> createFirstAdmin(NewUser user);

    Future<List<User>> listUsers();

    /** The users of these ids that exist (for names next to other modules' records). */
    Future<List<User>> usersById(List<Long> ids);

    Future<User> user(long id);

    Future<Long> countUsers();

    Future<User> createUser(NewUser user, List<Long> roleIds);

    /** Applies the fields present in {@code patch}: displayName, email, disabled, roleIds. */
    Future<User> updateUser(long id, JsonObject patch);

    /** A new password; the user's sessions end everywhere. */
    Future<Void> setPassword(long id, String password);

    /**
     * A user's own new password, given the current one (checked and throttled like a login, from
     * {@code clientAddress}); every session of the user ends.
     */
    Future<Void> changeOwnPassword(long userId, String currentPassword, String newPassword, String clientAddress);

    Future<List<Role>> listRoles();

    Future<Role> createRole(String name, Set<Right> rights);

    /** Applies the fields present in {@code patch}: name, rights. */
    Future<Role> updateRole(long id, JsonObject patch);

    Future<Void> deleteRole(long id);

    /** Checks a password (throttled per user and address) and opens a new session, ending {@code previous}. */
    Future<LoggedIn> logIn(LoginAttempt attempt);

    /** The principal of a live session of an enabled user, or empty. */
    Future<Optional<Principal>> resolveSession(SessionToken token);

    /** Ends one session, on every node. */
    Future<Void> logOut(byte[] sessionHash);

    /** Ends every session of a user, on every node. */
    Future<Void> logOutEverywhere(long userId);

    /** Forgets login counters that a new attempt would start over anyway (housekeeping); how many went. */
    Future<Integer> forgetQuietLoginCounters();
}
