package io.testbridge.oauth;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The tokens one grant or refresh returned. {@link #toString()} never shows them. */
public record TokenSet(String accessToken, String refreshToken, Instant accessExpiresAt, String scopes) {

    /** @param requestedScopes what the request asked for: RFC 6749 §5.1 says an answer without {@code scope} granted exactly that */
    static TokenSet fromTokenResponse(JsonObject body, Instant now, String requestedScopes) {
        long expiresIn = body.getLong("expires_in", 3600L);
        String scope = body.getValue("scope") instanceof String granted ? granted : requestedScopes;
        return new TokenSet(body.getString("access_token"), body.getString("refresh_token"), now.plusSeconds(expiresIn), scope);
    }

    JsonObject toJson() {
        return new JsonObject().put("access", accessToken).put("refresh", refreshToken)
                .put("expiresAt", accessExpiresAt.toString()).put("scopes", scopes);
    }

    static TokenSet fromJson(JsonObject json) {
        return new TokenSet(json.getString("access"), json.getString("refresh"), Instant.parse(json.getString("expiresAt")),
                json.getString("scopes"));
    }

    @Override
    public String toString() {
        return "TokenSet[expires=" + accessExpiresAt + ", scopes=" + scopes + "]";
    }
}
