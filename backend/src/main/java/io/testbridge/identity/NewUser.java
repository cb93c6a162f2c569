package io.testbridge.identity;

import io.vertx.core.json.JsonObject;

/** The fields of a user being created; the password is plain only until it is hashed. */
public record NewUser(String username, String displayName, String email, String password) {
    /** The API's Username schema (openapi/testbridge.yaml), for usernames that do not come through the API. */
    public static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    public static NewUser fromJson(JsonObject body) {
        return new NewUser(body.getString("username").strip(), body.getString("displayName").strip(),
                body.getString("email").strip(), body.getString("password"));
    }

    @Override
    public String toString() {
        return "NewUser[" + username + "]";
    }
}
