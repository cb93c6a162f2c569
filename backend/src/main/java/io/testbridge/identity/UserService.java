package io.testbridge.identity;

import io.testbridge.bus.EventAddresses;
import io.testbridge.db.SqlErrors;
import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users and roles. Every change that could leave nobody able to manage users is refused, so an
 * installation can never lock its last administrator out.
 */
final class UserService {
    /** What {@link User#from} reads of a user (the session look-up reads the same, from its session). */
    static final String USER_SELECT = """
            SELECT u.id, u.username, u.display_name, u.email, u.disabled, u.created_at,
                   COALESCE(json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name)
                            FILTER (WHERE r.id IS NOT NULL), '[]'::json) AS roles""";
    /** Joins a user {@code u} to their roles {@code r}, for {@link #USER_SELECT} (which needs GROUP BY u.id). */
    static final String ROLE_JOINS = """
              LEFT JOIN user_roles ur ON ur.user_id = u.id
              LEFT JOIN roles r ON r.id = ur.role_id
            """;
    private static final String USER_COLUMNS = USER_SELECT + "\n  FROM users u\n" + ROLE_JOINS;
    private static final String MANAGERS_LEFT = """
            SELECT count(DISTINCT u.id) FROM users u
              JOIN user_roles ur ON ur.user_id = u.id
              JOIN roles r ON r.id = ur.role_id
             WHERE NOT u.disabled AND 'USERS_MANAGE' = ANY (r.rights)
            """;

    private final Vertx vertx;
    private final Pool pool;
    private final SessionStore sessions;
    private final PasswordWork passwords;

    UserService(Vertx vertx, PasswordWork passwords, Pool pool, SessionStore sessions) {
        this.vertx = vertx;
        this.passwords = passwords;
        this.pool = pool;
        this.sessions = sessions;
    }

    public Future<Boolean> anyUserExists() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM users)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Creates the first administrator; refused once any user exists (checked under a table lock). */
    public Future<User> createFirstAdmin(NewUser user) {
        return hash(user.password()).compose(hash -> pool.withTransaction(tx ->
                tx.query("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE").execute()
                        .compose(locked -> tx.query("SELECT EXISTS (SELECT 1 FROM users)").execute())
                        .compose(rows -> rows.iterator().next().getBoolean(0)
                                ? Future.failedFuture(new Failure(ErrorCode.CONFLICT,
                                        "The administrator already exists; log in instead."))
                                : insertUser(tx, user, hash))
                        .compose(id -> tx.preparedQuery(
                                        "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'Administrator' AND built_in")
                                .execute(Tuple.of(id)).compose(done -> findUser(tx, id)))));
    }

    public Future<User> create(NewUser user, List<Long> roleIds) {
        return hash(user.password()).compose(hash -> pool.withTransaction(tx ->
                        insertUser(tx, user, hash)
                                .compose(id -> replaceRoles(tx, id, roleIds).compose(done -> findUser(tx, id)))))
                .recover(UserService::explainConstraint);
    }

    public Future<List<User>> list() {
        return pool.query(USER_COLUMNS + " GROUP BY u.id ORDER BY lower(u.username)").execute()
                .map(rows -> {
                    List<User> users = new ArrayList<>();
                    rows.forEach(row -> users.add(User.from(row)));
                    return users;
                });
    }

    /** Applies the fields present in {@code patch}: displayName, email, disabled, roleIds. */
    public Future<User> update(long id, JsonObject patch) {
        return pool.withTransaction(tx -> requireUser(tx, id)
                        .compose(found -> tx.preparedQuery("""
                                        UPDATE users SET display_name = COALESCE($2, display_name),
                                                         email = COALESCE($3, email),
                                                         disabled = COALESCE($4, disabled),
                                                         updated_at = now()
                                         WHERE id = $1""")
                                .execute(Tuple.of(id, strip(patch.getString("displayName")), strip(patch.getString("email")),
                                        patch.getBoolean("disabled"))))
                        .compose(updated -> patch.containsKey("roleIds")
                                ? replaceRoles(tx, id, longs(patch.getJsonArray("roleIds")))
                                : Future.succeededFuture())
                        .compose(done -> Boolean.TRUE.equals(patch.getBoolean("disabled"))
                                ? tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)).mapEmpty()
                                : Future.succeededFuture())
                        .compose(done -> requireSomeoneCanManageUsers(tx))
                        .compose(done -> findUser(tx, id)))
                .compose(user -> accessChanged(id).map(user))
                .onSuccess(user -> {
                    if (Boolean.TRUE.equals(patch.getBoolean("disabled"))) {
                        vertx.eventBus().publish(EventAddresses.USER_DISABLED, new JsonObject().put("userId", id));
                    }
                })
                .recover(UserService::explainConstraint);
    }

    /** Sets a new password and ends the user's sessions, so a leaked session dies with the old password. */
    public Future<Void> setPassword(long id, String password) {
        return hash(password).compose(hash -> pool.withTransaction(tx -> requireUser(tx, id)
                .compose(found -> tx.preparedQuery("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(id, hash)))
                .compose(done -> tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)))
                .<Void>mapEmpty()))
                .compose(done -> accessChanged(id));
    }

    /**
     * The stored credentials of a username, for login only, with the name as this lookup normalises
     * it (PostgreSQL's lower case), so the throttle counts an unknown name as the lookup would find it.
     */
    public Future<Account> account(String username) {
        return pool.preparedQuery("""
                        SELECT lower($1::text) AS normalized, u.id, u.password_hash, u.disabled
                          FROM (VALUES (1)) AS one LEFT JOIN users u ON lower(u.username) = lower($1::text)""")
                .execute(Tuple.of(username))
                .map(rows -> accountFrom(rows.iterator().next()));
    }

    /** The credentials of a user by id (for a password change), with the name normalised as {@link #account} does. */
    public Future<Account> account(long userId) {
        return pool.preparedQuery("SELECT lower(username) AS normalized, id, password_hash, disabled FROM users WHERE id = $1")
                .execute(Tuple.of(userId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Failure.notFound("There is no user " + userId + "."))
                        : Future.succeededFuture(accountFrom(rows.iterator().next())));
    }

    /** Checks a password off the event loop; an unknown user costs as much as a known one. */
    public Future<Boolean> verifyPassword(Optional<Credentials> credentials, String password) {
        String hash = credentials.map(Credentials::passwordHash).orElse(PasswordHasher.DECOY);
        return passwords.verify(password, hash).map(valid -> valid && credentials.isPresent());
    }

    public Future<User> find(long id) {
        return findUser(pool, id);
    }

    /** The users of these ids that exist, in no particular order. */
    public Future<List<User>> findAll(List<Long> ids) {
        return pool.preparedQuery(USER_COLUMNS + " WHERE u.id = ANY ($1) GROUP BY u.id")
                .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<User> users = new ArrayList<>();
                    rows.forEach(row -> users.add(User.from(row)));
                    return users;
                });
    }

    public Future<Long> count() {
        return pool.query("SELECT count(*) FROM users").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<List<Role>> roles() {
        return pool.query("SELECT id, name, built_in, rights FROM roles ORDER BY built_in DESC, lower(name)").execute()
                .map(rows -> {
                    List<Role> roles = new ArrayList<>();
                    rows.forEach(row -> roles.add(Role.from(row)));
                    return roles;
                });
    }

    public Future<Role> createRole(String name, Set<Right> rights) {
        return pool.preparedQuery("INSERT INTO roles (name, rights) VALUES ($1, $2) RETURNING id, name, built_in, rights")
                .execute(Tuple.tuple().addString(name.strip()).addArrayOfString(names(rights)))
                .map(rows -> Role.from(rows.iterator().next()))
                .recover(e -> SqlErrors.is(e, SqlErrors.UNIQUE_VIOLATION)
                        ? Future.failedFuture(Failure.conflict("name", "A role named '" + name.strip() + "' already exists."))
                        : Future.failedFuture(e));
    }

    public Future<Role> updateRole(long id, JsonObject patch) {
        String name = strip(patch.getString("name"));
        JsonArray rights = patch.getJsonArray("rights");
        return pool.withTransaction(tx -> requireCustomRole(tx, id)
                        .compose(role -> tx.preparedQuery("""
                                        UPDATE roles SET name = COALESCE($2, name), rights = COALESCE($3, rights)
                                         WHERE id = $1 RETURNING id, name, built_in, rights""")
                                .execute(Tuple.tuple().addLong(id).addString(name)
                                        .addArrayOfString(rights == null ? null : names(Role.rightsOf(rights)))))
                        .map(rows -> Role.from(rows.iterator().next()))
                        .compose(role -> requireSomeoneCanManageUsers(tx).map(role)))
                .compose(role -> accessChanged(-1).map(role))
                .recover(e -> SqlErrors.is(e, SqlErrors.UNIQUE_VIOLATION)
                        ? Future.failedFuture(Failure.conflict("name", "A role named '" + name + "' already exists."))
                        : Future.failedFuture(e));
    }

    public Future<Void> deleteRole(long id) {
        return pool.withTransaction(tx -> requireCustomRole(tx, id)
                .compose(role -> tx.preparedQuery("SELECT count(*) FROM user_roles WHERE role_id = $1").execute(Tuple.of(id)))
                .compose(rows -> {
                    long holders = rows.iterator().next().getLong(0);
                    return holders > 0
                            ? Future.failedFuture(Failure.conflict(null,
                                    "This role is held by " + holders + " user(s); take it from them first."))
                            : tx.preparedQuery("DELETE FROM roles WHERE id = $1").execute(Tuple.of(id)).<Void>mapEmpty();
                }));
    }

    /**
     * Sessions cache principals briefly; this makes every node forget a user's (or, for -1, everyone's),
     * so that the change's answer comes after it took effect.
     */
    private Future<Void> accessChanged(long userId) {
        return sessions.forgetUser(userId);
    }

    /** A new password's hash; a password too easy to guess is refused first (400). */
    private Future<String> hash(String password) {
        try {
            PasswordPolicy.requireStrong(password);
        } catch (Failure weak) {
            return Future.failedFuture(weak);
        }
        return passwords.hash(password);
    }

    private static Future<Long> insertUser(SqlClient client, NewUser user, String hash) {
        return client.preparedQuery("INSERT INTO users (username, display_name, email, password_hash) VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.of(user.username(), user.displayName(), user.email(), hash))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Future<Void> replaceRoles(SqlConnection tx, long userId, List<Long> roleIds) {
        return tx.preparedQuery("DELETE FROM user_roles WHERE user_id = $1").execute(Tuple.of(userId))
                .compose(done -> tx.preparedQuery("SELECT count(*) FROM roles WHERE id = ANY ($1)")
                        .execute(Tuple.tuple().addArrayOfLong(roleIds.toArray(Long[]::new))))
                .compose(rows -> rows.iterator().next().getLong(0) != roleIds.size()
                        ? Future.failedFuture(Failure.invalid("roleIds", "One of the roles does not exist."))
                        : tx.preparedQuery("INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::bigint[])")
                                .execute(Tuple.tuple().addLong(userId).addArrayOfLong(roleIds.toArray(Long[]::new))).mapEmpty());
    }

    private static Future<User> findUser(SqlClient client, long id) {
        return client.preparedQuery(USER_COLUMNS + " WHERE u.id = $1 GROUP BY u.id").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Failure.notFound("There is no user " + id + "."))
                        : Future.succeededFuture(User.from(rows.iterator().next())));
    }

    private static Future<Void> requireUser(SqlClient client, long id) {
        return client.preparedQuery("SELECT 1 FROM users WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Failure.notFound("There is no user " + id + "."))
                        : Future.succeededFuture());
    }

    private static Future<Role> requireCustomRole(SqlClient client, long id) {
        return client.preparedQuery("SELECT id, name, built_in, rights FROM roles WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.notFound("There is no role " + id + "."));
                    }
                    Role role = Role.from(rows.iterator().next());
                    return role.builtIn()
                            ? Future.failedFuture(Failure.conflict(null, "The built-in role " + role.name() + " cannot be changed."))
                            : Future.succeededFuture(role);
                });
    }

    private static Future<Void> requireSomeoneCanManageUsers(SqlClient client) {
        return client.query(MANAGERS_LEFT).execute().compose(rows -> rows.iterator().next().getLong(0) > 0
                ? Future.succeededFuture()
                : Future.failedFuture(Failure.conflict(null,
                        "This would leave nobody able to manage users; keep at least one enabled administrator.")));
    }

    private static Account accountFrom(Row row) {
        return new Account(row.getString("normalized"), row.getLong("id") == null ? Optional.empty() : Optional.of(Credentials.from(row)));
    }

    private static <T> Future<T> explainConstraint(Throwable error) {
        if (SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)) {
            return Future.failedFuture(Failure.conflict("username", "That username is taken."));
        }
        return Future.failedFuture(error);
    }

    private static String[] names(Collection<Right> rights) {
        return rights.stream().map(Right::name).sorted().toArray(String[]::new);
    }

    private static List<Long> longs(JsonArray array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(((Number) value).longValue()));
        return values;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** What a login finds for a username. */
    public record Account(String normalizedName, Optional<Credentials> credentials) {
    }

    /** What login needs to know of a user. */
    public record Credentials(long userId, String passwordHash, boolean disabled) {
        static Credentials from(Row row) {
            return new Credentials(row.getLong("id"), row.getString("password_hash"), row.getBoolean("disabled"));
        }

        @Override
        public String toString() {
            return "Credentials[" + userId + "]";
        }
    }
}
