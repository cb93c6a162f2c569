package io.testbridge.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** A person who uses Testbridge, as the API shows them (never with a password hash). */
public record User(long id, String username, String displayName, String email, boolean disabled,
                   JsonArray roles, OffsetDateTime createdAt) {

    /** Reads a row of {@link UserService}'s user query. */
    static User from(Row row) {
        Object roles = row.getValue("roles");
        return new User(row.getLong("id"), row.getString("username"), row.getString("display_name"),
                row.getString("email"), row.getBoolean("disabled"),
                roles instanceof JsonArray array ? array : new JsonArray(String.valueOf(roles)),
                row.getOffsetDateTime("created_at"));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("username", username)
                .put("displayName", displayName)
                .put("email", email)
                .put("disabled", disabled)
                .put("roles", roles)
                .put("createdAt", createdAt.toInstant().toString());
    }
}
