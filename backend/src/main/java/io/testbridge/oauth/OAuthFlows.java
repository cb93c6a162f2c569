package io.testbridge.oauth;

import io.testbridge.shared.Actor;
import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.crypto.SecretBox;
import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.testbridge.jira.Deployment;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The mechanics every OAuth flow shares: start (state, PKCE, authorization URL), the callback
 * (single-use state bound to the user who started it, immediate code exchange, a verification
 * code), and redeeming the verification code. What a redeemed flow then does is the purpose's business.
 */
final class OAuthFlows {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthFlows.class);
    static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    static final Duration VERIFICATION_LIFETIME = Duration.ofMinutes(10);
    /** Ended flows are kept a day, so a reloaded callback link still says "already used"; the history keeps the record. */
    static final Duration ENDED_FLOWS_KEPT = Duration.ofDays(1);

    private final Pool pool;
    private final Clock clock;
    private final SecretBox secrets;
    private final FlowStore flows;
    private final OAuthClients clients;
    private final Integrations integrations;
    private final AuditLog audit;
    private final Supplier<URI> publicUrl;
    private final io.testbridge.observability.Metrics metrics;

    OAuthFlows(Pool pool, Clock clock, SecretBox secrets, OAuthClients clients, Integrations integrations,
                      AuditLog audit, Supplier<URI> publicUrl, io.testbridge.observability.Metrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.clock = clock;
        this.secrets = secrets;
        this.flows = new FlowStore(pool);
        this.clients = clients;
        this.integrations = integrations;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    /** The URL to register in Jira as the callback (redirect) URL. */
    public String callbackUrl() {
        return publicUrl.get() + "/oauth/callback";
    }

    /**
     * Starts a flow with the given client credentials ({@code clientGeneration} set when they are the
     * instance's stored ones) and records CONNECT_STARTED in the same transaction.
     */
    public Future<StartedFlow> start(JiraInstance instance, FlowPurpose purpose, String clientId, String clientSecret,
                                 Integer clientGeneration, Actor actor) {
        UUID id = UUID.randomUUID();
        String state = FlowSecrets.newState();
        String verifier = FlowSecrets.newCodeVerifier();
        OffsetDateTime now = now();
        OffsetDateTime expiresAt = now.plus(FLOW_LIFETIME);
        String redirectUri = callbackUrl();
        JiraOAuthClient client = clients.of(instance.deployment(), instance.baseUrl(), clientId, clientSecret, redirectUri);
        String authorizationUrl = client.authorizationUrl(state, verifier);
        String sealedSecret = clientGeneration == null ? secrets.encrypt(clientSecret, "oauth_flows.client_secret:" + id) : null;
        String sealedVerifier = client.usesPkce() ? secrets.encrypt(verifier, "oauth_flows.code_verifier:" + id) : null;
        return pool.withTransaction(tx -> flows.makeRoomForStart(tx, actor.userId(), instance.id(), now, FLOW_LIFETIME)
                        .compose(wait -> wait.isPresent() ? Future.failedFuture(tooManyStarts(wait.get())) : Future.succeededFuture())
                        .compose(room -> flows.insert(tx, id, FlowSecrets.hash(state), purpose, instance.id(), actor.userId(),
                                clientId, sealedSecret, clientGeneration, sealedVerifier, redirectUri, now, expiresAt))
                        .compose(done -> audit.record(tx, instance.id(), instance.name(), actor, AuditEventType.CONNECT_STARTED, true,
                                purpose == FlowPurpose.ADMIN_CONNECT ? "administrator connection with client " + clientId
                                        : "user authentication")))
                .onSuccess(recorded -> metrics.flowStarted(purpose.name(), instance.deployment().name()))
                .map(recorded -> new StartedFlow(id, authorizationUrl, expiresAt));
    }

    private static Failure tooManyStarts(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new Failure(ErrorCode.TOO_MANY_ATTEMPTS, "You started " + FlowStore.MAX_STARTS_PER_WINDOW + " authorizations with Jira in the last "
                + FLOW_LIFETIME.toMinutes() + " minutes; finish one of them, or try again in " + minutes + " minute(s).", null, wait);
    }

    /** Handles Jira's redirect; the request id and client address go into the history like those of API calls. */
    public Future<CallbackResult> callback(CallbackRequest request) {
        String state = request.state();
        if (state == null || state.isBlank()) {
            return Future.succeededFuture(CallbackResult.failed("This link is incomplete",
                    "Jira's answer carries no state, so Testbridge cannot tell which connection it belongs to."));
        }
        byte[] stateHash = FlowSecrets.hash(state);
        OffsetDateTime now = now();
        return flows.claimCallback(stateHash, now).compose(claimed -> {
            if (claimed.isEmpty()) {
                return flows.stateWasUsed(stateHash).map(used -> used
                        ? CallbackResult.stale("This link was already used",
                                "Each authorization link works once. If you reloaded this page, your code was shown the first time.")
                        : CallbackResult.stale("This link is not from Testbridge",
                                "Testbridge did not start this authorization (or it was removed)."));
            }
            Flow flow = claimed.get();
            Actor actor = new Actor(flow.userId(), request.browserUserId() != null ? request.browserUsername() : "user " + flow.userId(),
                    request.requestId(), request.clientAddress());
            return integrations.get(flow.instanceId()).compose(instance -> continueCallback(flow, instance, request, actor, now));
        });
    }

    private Future<CallbackResult> continueCallback(Flow flow, JiraInstance instance, CallbackRequest request, Actor actor, OffsetDateTime now) {
        String code = request.code();
        String error = request.error();
        String errorDescription = request.errorDescription();
        if (request.browserUserId() == null || request.browserUserId() != flow.userId()) {
            return endFlow(flow, instance, actor, AuditEventType.AUTHORIZATION_FAILED, "FAILED",
                    "callback arrived in a browser session of another user or none",
                    CallbackResult.failed("Log in as the user who started this",
                            "This authorization was started by another Testbridge user, or you are logged out. Log in to Testbridge as the user who started it, then start again."));
        }
        if (flow.expiresAt().isBefore(now)) {
            return endFlow(flow, instance, actor, AuditEventType.AUTHORIZATION_FAILED, "EXPIRED", "authorization link expired",
                    CallbackResult.failed("This link has expired",
                            "Authorization links work for " + FLOW_LIFETIME.toMinutes() + " minutes."));
        }
        if (error != null) {
            boolean denied = error.equals("access_denied");
            String reason = denied ? "consent denied in Jira" : "Jira answered " + error + (errorDescription == null ? "" : ": " + errorDescription);
            return endFlow(flow, instance, actor, denied ? AuditEventType.CONSENT_DENIED : AuditEventType.AUTHORIZATION_FAILED,
                    denied ? "DENIED" : "FAILED", reason,
                    denied ? CallbackResult.failed("You chose Deny", "Jira did not grant access, so nothing was connected. To connect, start again and choose Accept.")
                            : CallbackResult.failed("Jira did not authorize the connection", reason + "."));
        }
        if (code == null || code.isBlank()) {
            return endFlow(flow, instance, actor, AuditEventType.AUTHORIZATION_FAILED, "FAILED", "callback without a code",
                    CallbackResult.failed("Jira sent no authorization code", "The answer from Jira is incomplete."));
        }
        return clientFor(flow, instance)
                .compose(client -> client.exchange(code, flow.codeVerifierSealed() == null ? null
                        : secrets.decrypt(flow.codeVerifierSealed(), flow.verifierContext())))
                .compose(tokens -> {
                    String verificationCode = VerificationCode.generate();
                    return flows.awaitVerification(flow.id(), secrets.encrypt(tokens.toJson().encode(), flow.tokenSetContext()),
                                    VerificationCode.hash(verificationCode), now.plus(VERIFICATION_LIFETIME))
                            .map(stored -> stored
                                    ? new CallbackResult(true, false, "Copy your verification code", null, verificationCode, instance.name(),
                                            VERIFICATION_LIFETIME.toMinutes())
                                    : CallbackResult.stale("This authorization was cancelled",
                                            "OAuth was turned off for " + instance.name() + " meanwhile; nothing was connected."));
                })
                .recover(failure -> {
                    String reason = exchangeFailure(failure, instance);
                    LOG.info("event=oauth_exchange_failed flow_id={} instance_id={} reason={}", flow.id(), instance.id(), reason);
                    return endFlow(flow, instance, actor, AuditEventType.AUTHORIZATION_FAILED, "FAILED", reason,
                            CallbackResult.failed("Jira refused the connection", reason));
                });
    }

    private Future<JiraOAuthClient> clientFor(Flow flow, JiraInstance instance) {
        if (flow.clientSecretSealed() != null) {
            return Future.succeededFuture(clients.of(instance.deployment(), instance.baseUrl(), flow.clientId(), secrets.decrypt(flow.clientSecretSealed(), flow.secretContext()),
                    flow.redirectUri()));
        }
        return pool.preparedQuery("SELECT client_secret, generation FROM oauth_clients WHERE instance_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(instance.id()))
                .compose(rows -> {
                    if (rows.size() == 0 || !java.util.Objects.equals(rows.iterator().next().getInteger("generation"), flow.clientGeneration())) {
                        return Future.failedFuture(new Failure(ErrorCode.CONFLICT,
                                "The administrator changed this instance's OAuth configuration meanwhile; start again."));
                    }
                    String secret = secrets.decrypt(rows.iterator().next().getString("client_secret"), OAuthClientStore.secretContext(instance.id()));
                    return Future.succeededFuture(clients.of(instance.deployment(), instance.baseUrl(), flow.clientId(), secret, flow.redirectUri()));
                });
    }

    private static String exchangeFailure(Throwable failure, JiraInstance instance) {
        if (failure instanceof TokenEndpointException token) {
            if (token.isClientRejected()) {
                return "Jira rejected the Client ID or Client Secret (" + token.error() + "). Copy both again from "
                        + (instance.deployment() == Deployment.CLOUD ? "the Atlassian developer console (Settings)" : "Jira's application link")
                        + " and start again.";
            }
            if (!token.isTransient()) {
                return "Jira refused the authorization code (" + token.error() + ": " + token.getMessage()
                        + "). It may have expired; start again and return from Jira promptly.";
            }
            return token.getMessage() + ". Try again in a moment.";
        }
        return failure.getMessage() == null ? "The token exchange failed." : failure.getMessage();
    }

    private Future<CallbackResult> endFlow(Flow flow, JiraInstance instance, Actor actor, AuditEventType type, String status, String reason,
                                           CallbackResult result) {
        metrics.flowFailed(flow.purpose().name(), type == AuditEventType.CONSENT_DENIED ? "denied" : status.toLowerCase(java.util.Locale.ROOT));
        return pool.withTransaction(tx -> flows.end(tx, flow.id(), status, reason, now())
                        .compose(done -> audit.record(tx, instance.id(), instance.name(), actor, type, false, reason)))
                .map(result);
    }

    /** A flow whose verification code was accepted, with its tokens, ready for its purpose. */
    public record Redeemed(Flow flow, TokenSet tokens, String clientSecret) {
        @Override
        public String toString() {
            return "Redeemed[" + flow + "]";
        }
    }

    /**
     * Checks a verification code: it must belong to a waiting flow of this purpose and instance,
     * started by this user, unexpired. Wrong codes count against the user's waiting flow.
     */
    public Future<Redeemed> redeem(JiraInstance instance, FlowPurpose purpose, String code, Actor actor) {
        OffsetDateTime now = now();
        String normalized = VerificationCode.normalize(code);
        Future<Optional<Flow>> found = normalized == null ? Future.succeededFuture(Optional.empty())
                : flows.byVerificationCode(VerificationCode.hash(normalized));
        return found.compose(match -> {
            Flow flow = match.filter(f -> f.purpose() == purpose && f.instanceId() == instance.id()).orElse(null);
            if (flow == null) {
                return wrongCode(instance, purpose, actor, now, "That verification code is not valid for this instance.");
            }
            if (flow.userId() != actor.userId()) {
                Future<CallbackResult> ended = flow.status().equals("AWAITING_VERIFICATION")
                        ? endFlow(flow, instance, actor, AuditEventType.VERIFICATION_FAILED, "FAILED", "verification code presented by another user", null)
                        : Future.succeededFuture();
                return ended.compose(x -> Future.failedFuture(Failure.invalid("verificationCode",
                                "That verification code belongs to another user's authorization; it is no longer valid.")));
            }
            if (!flow.status().equals("AWAITING_VERIFICATION") || flow.tokenSetSealed() == null) {
                return alreadyRedeemed();
            }
            if (flow.verificationExpiresAt().isBefore(now)) {
                return endFlow(flow, instance, actor, AuditEventType.VERIFICATION_FAILED, "EXPIRED", "verification code expired", null)
                        .compose(x -> Future.failedFuture(Failure.invalid("verificationCode",
                                "That verification code has expired (they last " + VERIFICATION_LIFETIME.toMinutes() + " minutes); start again from Step 1.")));
            }
            // the checks above read the row without a lock: only the request that takes the token set redeems the code
            return flows.takeTokenSet(flow.id()).compose(taken -> {
                if (taken.isEmpty()) {
                    return alreadyRedeemed();
                }
                metrics.verificationAttempt("accepted");
                TokenSet tokens = TokenSet.fromJson(new JsonObject(secrets.decrypt(taken.get(), flow.tokenSetContext())));
                String clientSecret = flow.clientSecretSealed() == null ? null : secrets.decrypt(flow.clientSecretSealed(), flow.secretContext());
                return Future.succeededFuture(new Redeemed(flow, tokens, clientSecret));
            });
        });
    }

    /**
     * The code is genuine but spent (by this or a concurrent request) or cancelled: not a guess, so it
     * costs no attempt. The flow does not change, so nothing is written to the history (its end is
     * there already): a replayed code, posted any number of times, cannot flood it.
     */
    private <T> Future<T> alreadyRedeemed() {
        metrics.verificationAttempt("replayed");
        return Future.failedFuture(Failure.invalid("verificationCode",
                "That verification code was already used or has been cancelled; start again from Step 1."));
    }

    /**
     * A wrong code costs the user's waiting flow an attempt and is written to the history. With no
     * flow waiting there is nothing to guess at: it is refused and counted in the metrics only, so
     * the history holds at most {@value FlowStore#MAX_VERIFICATION_ATTEMPTS} wrong codes per flow and
     * cannot be flooded by posting codes.
     */
    private <T> Future<T> wrongCode(JiraInstance instance, FlowPurpose purpose, Actor actor, OffsetDateTime now, String message) {
        metrics.verificationAttempt("wrong");
        return flows.countWrongCode(actor.userId(), instance.id(), purpose, now).compose(left -> {
            if (left.isEmpty()) {
                return Future.failedFuture(Failure.invalid("verificationCode", message));
            }
            boolean flowEnded = left.get() <= 0;
            String detail = flowEnded ? "Too many wrong codes: start again from Step 1." : message + " " + left.get() + " attempt(s) left.";
            return pool.withTransaction(tx -> audit.record(tx, instance.id(), instance.name(), actor, AuditEventType.VERIFICATION_FAILED, false,
                            flowEnded ? "too many wrong verification codes" : "wrong verification code"))
                        .compose(x -> Future.failedFuture(flowEnded
                            ? new Failure(ErrorCode.TOO_MANY_ATTEMPTS, detail, "verificationCode")
                            : Failure.invalid("verificationCode", detail)));
        });
    }

    /** Ends a redeemed flow as COMPLETED inside the purpose's own transaction. */
    public Future<Void> complete(io.vertx.sqlclient.SqlClient tx, Flow flow) {
        metrics.flowCompleted(flow.purpose().name());
        return flows.end(tx, flow.id(), "COMPLETED", null, now());
    }

    /** Ends a redeemed flow as FAILED (e.g. the grant is for another site) and records why. */
    public Future<Void> fail(Flow flow, JiraInstance instance, Actor actor, String reason) {
        return endFlow(flow, instance, actor, AuditEventType.VERIFICATION_FAILED, "FAILED", reason, null).mapEmpty();
    }

    /** Ends flows abandoned in Jira or never verified, and forgets ended ones after a day (background job). */
    public Future<Integer> discardExpired() {
        return flows.discardExpired(now(), now().minus(ENDED_FLOWS_KEPT));
    }

    /** OAuth turned off for the instance: no flow of it keeps a sealed value; in the caller's transaction. */
    public Future<Void> endAllOfInstance(io.vertx.sqlclient.SqlClient tx, long instanceId) {
        return flows.endAllOfInstance(tx, instanceId, now());
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
