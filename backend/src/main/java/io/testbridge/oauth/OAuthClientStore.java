package io.testbridge.oauth;

import io.testbridge.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Optional;

/** The SQL of per-instance client registrations and per-user tokens (all secrets sealed). */
final class OAuthClientStore {
    private final SecretBox secrets;

    OAuthClientStore(SecretBox secrets) {
        this.secrets = secrets;
    }

    static String secretContext(long instanceId) {
        return "oauth_clients.client_secret:" + instanceId;
    }

    static String accessContext(long instanceId, long userId) {
        return "oauth_tokens.access_token:" + instanceId + ":" + userId;
    }

    static String refreshContext(long instanceId, long userId) {
        return "oauth_tokens.refresh_token:" + instanceId + ":" + userId;
    }

    /** The stored registration of an instance, with its secret opened. */
    public record Registration(String clientId, String clientSecret, int generation) {
        @Override
        public String toString() {
            return "Registration[" + clientId + ", generation " + generation + "]";
        }
    }

    public Future<Optional<Registration>> registration(SqlClient client, long instanceId) {
        return client.preparedQuery("SELECT client_id, client_secret, generation FROM oauth_clients WHERE instance_id = $1")
                .execute(Tuple.of(instanceId))
                .map(rows -> rows.size() == 0 ? Optional.<Registration>empty() : Optional.of(new Registration(
                        rows.iterator().next().getString("client_id"),
                        secrets.decrypt(rows.iterator().next().getString("client_secret"), secretContext(instanceId)),
                        rows.iterator().next().getInteger("generation"))));
    }

    /** Stores the registration; returns its generation (new credentials get a new one, which voids older tokens). */
    public Future<Integer> saveRegistration(SqlClient tx, long instanceId, String clientId, String clientSecret, long userId, OffsetDateTime now) {
        return registration(tx, instanceId).compose(current -> {
            boolean same = current.isPresent() && current.get().clientId().equals(clientId) && current.get().clientSecret().equals(clientSecret);
            int generation = current.map(r -> same ? r.generation() : r.generation() + 1).orElse(1);
            return tx.preparedQuery("""
                            INSERT INTO oauth_clients (instance_id, client_id, client_secret, generation, configured_by, configured_at)
                            VALUES ($1, $2, $3, $4, $5, $6)
                            ON CONFLICT (instance_id) DO UPDATE SET client_id = $2, client_secret = $3, generation = $4,
                                                                    configured_by = $5, configured_at = $6""")
                    .execute(Tuple.of(instanceId, clientId, secrets.encrypt(clientSecret, secretContext(instanceId)), generation, userId, now))
                    .map(generation);
        });
    }

    /** Stores (or replaces) a user's tokens for an instance, with the redirect URI their consent was given for (Data Center refreshes repeat it). */
    public Future<Void> saveTokens(SqlClient tx, long instanceId, long userId, int generation, TokenSet tokens, String redirectUri,
                                   GrantConfirmation.JiraAccount account, OffsetDateTime now) {
        return tx.preparedQuery("""
                        INSERT INTO oauth_tokens (instance_id, user_id, client_generation, access_token, refresh_token, access_expires_at,
                                                  scopes, jira_account_id, jira_account_name, cloud_id, status, granted_at, redirect_uri)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'ACTIVE', $11, $12)
                        ON CONFLICT (instance_id, user_id) DO UPDATE SET client_generation = $3, access_token = $4, refresh_token = $5,
                               access_expires_at = $6, scopes = $7, jira_account_id = $8, jira_account_name = $9, cloud_id = $10,
                               status = 'ACTIVE', version = oauth_tokens.version + 1, granted_at = $11, refreshed_at = NULL,
                               redirect_uri = $12""")
                .execute(Tuple.from(new Object[] {instanceId, userId, generation,
                        secrets.encrypt(tokens.accessToken(), accessContext(instanceId, userId)),
                        secrets.encrypt(tokens.refreshToken(), refreshContext(instanceId, userId)),
                        OffsetDateTime.ofInstant(tokens.accessExpiresAt(), java.time.ZoneOffset.UTC), tokens.scopes(),
                        account.accountId(), account.displayName(), account.cloudId(), now, redirectUri}))
                .mapEmpty();
    }

    /** Deletes tokens made with an older client; returns how many. */
    public Future<Integer> deleteTokensOfOtherGenerations(SqlClient tx, long instanceId, int generation) {
        return tx.preparedQuery("DELETE FROM oauth_tokens WHERE instance_id = $1 AND client_generation <> $2")
                .execute(Tuple.of(instanceId, generation)).map(rows -> rows.rowCount());
    }

    /** Forgets the client and every token of an instance; returns how many tokens. */
    public Future<Integer> deleteAll(SqlClient tx, long instanceId) {
        return tx.preparedQuery("DELETE FROM oauth_tokens WHERE instance_id = $1").execute(Tuple.of(instanceId))
                .compose(tokens -> tx.preparedQuery("DELETE FROM oauth_clients WHERE instance_id = $1").execute(Tuple.of(instanceId))
                        .map(tokens.rowCount()));
    }
}
