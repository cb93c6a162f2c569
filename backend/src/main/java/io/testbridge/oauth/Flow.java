package io.testbridge.oauth;

import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One run through Jira's consent page, as stored (secret columns still encrypted). */
record Flow(UUID id, FlowPurpose purpose, long instanceId, long userId, String clientId, String clientSecretSealed,
            Integer clientGeneration, String codeVerifierSealed, String redirectUri, String status, String tokenSetSealed,
            OffsetDateTime verificationExpiresAt, int verificationAttempts, OffsetDateTime expiresAt, OffsetDateTime callbackAt) {

    static final String COLUMNS = "id, purpose, instance_id, user_id, client_id, client_secret, client_generation, code_verifier, "
            + "redirect_uri, status, token_set, verification_expires_at, verification_attempts, expires_at, callback_at";

    static Flow from(Row row) {
        return new Flow(row.getUUID("id"), FlowPurpose.valueOf(row.getString("purpose")), row.getLong("instance_id"),
                row.getLong("user_id"), row.getString("client_id"), row.getString("client_secret"),
                row.getInteger("client_generation"), row.getString("code_verifier"), row.getString("redirect_uri"),
                row.getString("status"), row.getString("token_set"), row.getOffsetDateTime("verification_expires_at"),
                row.getInteger("verification_attempts"), row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("callback_at"));
    }

    /** Encryption contexts: each sealed value is bound to its column and flow. */
    String secretContext() {
        return "oauth_flows.client_secret:" + id;
    }

    String verifierContext() {
        return "oauth_flows.code_verifier:" + id;
    }

    String tokenSetContext() {
        return "oauth_flows.token_set:" + id;
    }

    @Override
    public String toString() {
        return "Flow[" + id + ", " + purpose + ", instance " + instanceId + ", user " + userId + ", " + status + "]";
    }
}
