package io.testbridge.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/** An API token as lists show it: never its secret, nor its hash. */
public record ApiToken(long id, String prefix, String name, Set<ApiTokenScope> scopes, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt, Owner owner) {

    /** Whose token it is (the administrators' list shows everyone's). */
    public record Owner(long id, String username, String displayName) {
    }

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    /** The columns {@link #from} reads: a token {@code t} joined to its owner {@code u}. */
    static final String COLUMNS = """
            t.id, t.public_id, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
            u.id AS owner_id, u.username AS owner_username, u.display_name AS owner_display_name""";

    static ApiToken from(Row row) {
        return new ApiToken(row.getLong("id"), ApiTokenSecret.PREFIX + row.getString("public_id"), row.getString("name"),
                ApiTokenScope.fromWireNames(row.getArrayOfStrings("scopes")), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("last_used_at")),
                instant(row.getOffsetDateTime("revoked_at")),
                new Owner(row.getLong("owner_id"), row.getString("owner_username"), row.getString("owner_display_name")));
    }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** @param now for the status (expired is a matter of time, not of a stored flag) */
    public JsonObject toJson(Instant now) {
        JsonArray scopeNames = new JsonArray();
        scopes.stream().sorted().forEach(scope -> scopeNames.add(scope.wireName()));
        return new JsonObject()
                .put("id", id)
                .put("prefix", prefix)
                .put("name", name)
                .put("scopes", scopeNames)
                .put("createdAt", createdAt.toString())
                .put("expiresAt", expiresAt.toString())
                .put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString())
                .put("revokedAt", revokedAt == null ? null : revokedAt.toString())
                .put("status", status(now).name().toLowerCase(java.util.Locale.ROOT))
                .put("owner", new JsonObject().put("id", owner.id()).put("username", owner.username()).put("displayName", owner.displayName()));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
