package io.testbridge.oauth;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A started OAuth flow: where to send the user (Jira's consent page), and until when the link works. */
public record StartedFlow(UUID flowId, String authorizationUrl, OffsetDateTime expiresAt) {
    public JsonObject toJson() {
        return new JsonObject().put("flowId", flowId.toString()).put("authorizationUrl", authorizationUrl)
                .put("expiresAt", expiresAt.toInstant().toString());
    }
}
