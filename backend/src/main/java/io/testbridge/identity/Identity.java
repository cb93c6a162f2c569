package io.testbridge.identity;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity module's door: people, their roles and rights, logins, sessions and personal API
 * tokens. It owns the tables users, roles, user_roles, sessions, login_throttle and api_tokens.
 * Every change that could leave nobody able to manage users is refused.
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

    /**
     * The principal of a live API token ({@code Authorization: Bearer}): its owner, enabled, with
     * the rights they hold now that the token's scopes grant too. Fails with a 401 {@code Failure}
     * naming why (token_unknown, token_revoked, token_expired, token_owner_disabled), or 429 when the
     * token has used up its rate limit on this node.
     */
    Future<Principal> resolveApiToken(ApiTokenSecret token);

    /** A new token of this user; the answer carries its secret, which is never shown again. */
    Future<CreatedApiToken> createApiToken(long userId, NewApiToken token);

    /** This user's tokens, newest first, with those that ended (revoked or expired) in the last 90 days. */
    Future<List<ApiToken>> listApiTokens(long userId);

    /** Everyone's tokens, for administrators. */
    Future<List<ApiToken>> listAllApiTokens();

    /** Revokes one of this user's tokens, on every node; another user's token is "not found" (404). */
    Future<Void> revokeOwnApiToken(long userId, long tokenId);

    /** An administrator revokes anyone's token, on every node. */
    Future<Void> revokeAnyApiToken(long tokenId, long byUserId);

    /** Forgets login counters that a new attempt would start over anyway (housekeeping); how many went. */
    Future<Integer> forgetQuietLoginCounters();
}
