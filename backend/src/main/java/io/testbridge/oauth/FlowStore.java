package io.testbridge.oauth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The SQL of OAuth flows. Single use is enforced by conditional updates, so it holds across nodes. */
final class FlowStore {
    static final int MAX_VERIFICATION_ATTEMPTS = 5;
    /** Pending flows a user may have per instance (a few browser tabs); a new one ends the oldest. */
    static final int MAX_PENDING_PER_INSTANCE = 3;
    /** Flows a user may start in {@link OAuthFlows#FLOW_LIFETIME}, all instances together; more is not a person clicking. */
    static final int MAX_STARTS_PER_WINDOW = 10;

    private final Pool pool;

    FlowStore(Pool pool) {
        this.pool = pool;
    }

    Future<Void> insert(SqlClient tx, UUID id, byte[] stateHash, FlowPurpose purpose, long instanceId, long userId, String clientId,
                        String clientSecretSealed, Integer clientGeneration, String codeVerifierSealed, String redirectUri,
                        OffsetDateTime now, OffsetDateTime expiresAt) {
        return tx.preparedQuery("""
                        INSERT INTO oauth_flows (id, state_hash, purpose, instance_id, user_id, client_id, client_secret,
                                                 client_generation, code_verifier, redirect_uri, status, created_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'STARTED', $11, $12)""")
                .execute(Tuple.from(new Object[] {id, Buffer.buffer(stateHash), purpose.name(), instanceId, userId, clientId,
                        clientSecretSealed, clientGeneration, codeVerifierSealed, redirectUri, now, expiresAt}))
                .mapEmpty();
    }

    /**
     * Before a user starts a flow, in its transaction: starts of one user queue on an advisory lock
     * (so concurrent ones are counted), the rate is checked, and the oldest pending flows of the
     * instance beyond {@value #MAX_PENDING_PER_INSTANCE} - 1 end, losing their sealed values.
     * @return how long to wait when the user started too many lately, or empty
     */
    Future<Optional<Duration>> makeRoomForStart(SqlClient tx, long userId, long instanceId, OffsetDateTime now, Duration window) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('oauth_flows.start:' || $1::bigint::text, 0))").execute(Tuple.of(userId))
                .compose(locked -> tx.preparedQuery("SELECT count(*), min(created_at) FROM oauth_flows WHERE user_id = $1 AND created_at > $2")
                        .execute(Tuple.of(userId, now.minus(window))))
                .compose(rows -> {
                    Row recent = rows.iterator().next();
                    if (recent.getLong(0) >= MAX_STARTS_PER_WINDOW) {
                        Duration wait = Duration.between(now, recent.getOffsetDateTime(1).plus(window));
                        return Future.succeededFuture(Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait));
                    }
                    return tx.preparedQuery("""
                                    UPDATE oauth_flows SET status = 'FAILED', failure_reason = 'superseded by a newer attempt', completed_at = $3,
                                                           token_set = NULL, client_secret = NULL, code_verifier = NULL
                                     WHERE id IN (SELECT id FROM oauth_flows
                                                   WHERE user_id = $1 AND instance_id = $2 AND status IN ('STARTED', 'AWAITING_VERIFICATION')
                                                   ORDER BY created_at DESC OFFSET $4)""")
                            .execute(Tuple.of(userId, instanceId, now, MAX_PENDING_PER_INSTANCE - 1))
                            .map(superseded -> Optional.<Duration>empty());
                });
    }

    /** Takes the state once: the first callback with it gets the flow, every later one gets empty. */
    Future<Optional<Flow>> claimCallback(byte[] stateHash, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE oauth_flows SET callback_at = $2 WHERE state_hash = $1 AND callback_at IS NULL RETURNING "
                        + Flow.COLUMNS)
                .execute(Tuple.of(Buffer.buffer(stateHash), now))
                .map(rows -> rows.size() == 0 ? Optional.<Flow>empty() : Optional.of(Flow.from(rows.iterator().next())));
    }

    Future<Boolean> stateWasUsed(byte[] stateHash) {
        return pool.preparedQuery("SELECT 1 FROM oauth_flows WHERE state_hash = $1").execute(Tuple.of(Buffer.buffer(stateHash)))
                .map(rows -> rows.size() > 0);
    }

    /** Stores the tokens awaiting the code, unless the flow ended meanwhile (OAuth turned off during the exchange): then false. */
    Future<Boolean> awaitVerification(UUID id, String tokenSetSealed, byte[] verificationHash, OffsetDateTime verificationExpiresAt) {
        return pool.preparedQuery("""
                        UPDATE oauth_flows SET status = 'AWAITING_VERIFICATION', token_set = $2, verification_hash = $3,
                                               verification_expires_at = $4, code_verifier = NULL
                         WHERE id = $1 AND status = 'STARTED'""")
                .execute(Tuple.of(id, tokenSetSealed, Buffer.buffer(verificationHash), verificationExpiresAt))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Takes the sealed token set out of a flow awaiting verification, in one statement: concurrent
     * redemptions of the same code queue on the row lock, and all but the first find it gone.
     */
    Future<Optional<String>> takeTokenSet(UUID id) {
        return pool.preparedQuery("""
                        WITH waiting AS (SELECT id, token_set FROM oauth_flows
                                          WHERE id = $1 AND status = 'AWAITING_VERIFICATION' AND token_set IS NOT NULL
                                            FOR UPDATE)
                        UPDATE oauth_flows f SET token_set = NULL FROM waiting WHERE f.id = waiting.id
                        RETURNING waiting.token_set""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** Ends a flow; an ended flow keeps no sealed value (the client secret, once accepted, lives in oauth_clients). */
    Future<Void> end(SqlClient client, UUID id, String status, String reason, OffsetDateTime now) {
        return client.preparedQuery("""
                        UPDATE oauth_flows SET status = $2, failure_reason = $3, completed_at = $4,
                                               token_set = NULL, client_secret = NULL, code_verifier = NULL
                         WHERE id = $1""")
                .execute(Tuple.of(id, status, reason, now)).mapEmpty();
    }

    Future<Optional<Flow>> byVerificationCode(byte[] verificationHash) {
        return pool.preparedQuery("SELECT " + Flow.COLUMNS + " FROM oauth_flows WHERE verification_hash = $1")
                .execute(Tuple.of(Buffer.buffer(verificationHash)))
                .map(rows -> rows.size() == 0 ? Optional.<Flow>empty() : Optional.of(Flow.from(rows.iterator().next())));
    }

    /**
     * Counts a wrong code against the user's waiting flow for this instance and purpose; the flow
     * ends after {@value #MAX_VERIFICATION_ATTEMPTS} wrong codes. Returns the attempts left, if a flow waits.
     */
    Future<Optional<Integer>> countWrongCode(long userId, long instanceId, FlowPurpose purpose, OffsetDateTime now) {
        return pool.preparedQuery("""
                        UPDATE oauth_flows SET verification_attempts = verification_attempts + 1,
                               status = CASE WHEN verification_attempts + 1 >= $4 THEN 'FAILED' ELSE status END,
                               failure_reason = CASE WHEN verification_attempts + 1 >= $4 THEN 'too many wrong verification codes' END,
                               token_set = CASE WHEN verification_attempts + 1 >= $4 THEN NULL ELSE token_set END,
                               client_secret = CASE WHEN verification_attempts + 1 >= $4 THEN NULL ELSE client_secret END
                         WHERE id = (SELECT id FROM oauth_flows
                                      WHERE user_id = $1 AND instance_id = $2 AND purpose = $3 AND status = 'AWAITING_VERIFICATION'
                                        AND verification_expires_at > $5
                                      ORDER BY created_at DESC LIMIT 1)
                        RETURNING verification_attempts""")
                .execute(Tuple.of(userId, instanceId, purpose.name(), MAX_VERIFICATION_ATTEMPTS, now))
                .map(rows -> rows.size() == 0 ? Optional.<Integer>empty()
                        : Optional.of(MAX_VERIFICATION_ATTEMPTS - rows.iterator().next().getInteger(0)));
    }

    /**
     * Ends flows abandoned before their callback or verification (dropping their sealed values), and
     * deletes flows ended before {@code forgetEndedBefore}; returns how many rows were touched.
     */
    Future<Integer> discardExpired(OffsetDateTime now, OffsetDateTime forgetEndedBefore) {
        return pool.preparedQuery("""
                        UPDATE oauth_flows SET status = 'EXPIRED', completed_at = $1,
                                               token_set = NULL, client_secret = NULL, code_verifier = NULL
                         WHERE (status = 'AWAITING_VERIFICATION' AND verification_expires_at <= $1)
                            OR (status = 'STARTED' AND expires_at <= $1)""")
                .execute(Tuple.of(now))
                .compose(expired -> pool.preparedQuery("""
                                DELETE FROM oauth_flows
                                 WHERE status NOT IN ('STARTED', 'AWAITING_VERIFICATION') AND COALESCE(completed_at, expires_at) < $1""")
                        .execute(Tuple.of(forgetEndedBefore))
                        .map(deleted -> expired.rowCount() + deleted.rowCount()));
    }

    /**
     * OAuth turned off: ends the instance's pending flows and drops every sealed value its flows
     * still hold (abandoned ones included), in the caller's transaction.
     */
    Future<Void> endAllOfInstance(SqlClient tx, long instanceId, OffsetDateTime now) {
        return tx.preparedQuery("""
                        UPDATE oauth_flows
                           SET status = CASE WHEN status IN ('STARTED', 'AWAITING_VERIFICATION') THEN 'FAILED' ELSE status END,
                               failure_reason = CASE WHEN status IN ('STARTED', 'AWAITING_VERIFICATION') THEN 'OAuth disabled' ELSE failure_reason END,
                               completed_at = COALESCE(completed_at, $2),
                               token_set = NULL, client_secret = NULL, code_verifier = NULL
                         WHERE instance_id = $1""")
                .execute(Tuple.of(instanceId, now)).mapEmpty();
    }
}
