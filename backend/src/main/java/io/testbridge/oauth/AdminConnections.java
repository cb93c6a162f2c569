package io.testbridge.oauth;

import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.Deployment;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * An administrator connects an instance (flow 2 of the spec): start with client credentials,
 * consent in Jira, paste the verification code, and the instance is Connected. Reconfiguring
 * (the wrench) replaces the old client and tokens only once the new connection succeeds.
 */
final class AdminConnections {
    private static final Logger LOG = LoggerFactory.getLogger(AdminConnections.class);

    private final Pool pool;
    private final OAuthFlows flows;
    private final OAuthClientStore store;
    private final ConnectionStore connections;
    private final Integrations integrations;
    private final GrantConfirmation grants;
    private final AuditLog audit;
    private final KeptTokens kept;

    AdminConnections(Pool pool, OAuthFlows flows, OAuthClientStore store, ConnectionStore connections, Integrations integrations,
                     GrantConfirmation grants, AuditLog audit, KeptTokens kept) {
        this.pool = pool;
        this.flows = flows;
        this.store = store;
        this.connections = connections;
        this.integrations = integrations;
        this.grants = grants;
        this.audit = audit;
        this.kept = kept;
    }

    /** What the connection dialog shows: the callback URL to register, the scopes, and the current state. */
    Future<JsonObject> settings(long instanceId) {
        return integrations.get(instanceId).compose(instance -> store.registration(pool, instanceId).map(registration -> {
            List<String> scopes = instance.deployment() == Deployment.CLOUD ? JiraOAuthClient.CLOUD_SCOPES : JiraOAuthClient.DATA_CENTER_SCOPES;
            return new JsonObject()
                    .put("callbackUrl", flows.callbackUrl())
                    .put("deployment", instance.deployment().name())
                    .put("requiredScopes", new JsonArray(new ArrayList<>(scopes)))
                    .put("clientId", registration.map(OAuthClientStore.Registration::clientId).orElse(null))
                    .put("oauthAvailable", instance.oauthRefusal() == null)
                    .put("oauthUnavailableReason", instance.oauthRefusal())
                    .put("instance", instance.toJson());
        }));
    }

    /** Step 1: a new flow with these credentials; an empty secret reuses the stored one for the same client id. */
    Future<StartedFlow> start(long instanceId, String clientId, String clientSecret, Actor actor) {
        return integrations.get(instanceId).compose(instance -> {
            if (instance.oauthRefusal() != null) {
                return Future.failedFuture(new Failure(ErrorCode.CONFLICT, instance.oauthRefusal()));
            }
            if (clientSecret != null && !clientSecret.isBlank()) {
                return flows.start(instance, FlowPurpose.ADMIN_CONNECT, clientId.strip(), clientSecret.strip(), null, actor);
            }
            return store.registration(pool, instanceId).compose(existing -> existing.isPresent() && existing.get().clientId().equals(clientId.strip())
                    ? flows.start(instance, FlowPurpose.ADMIN_CONNECT, clientId.strip(), existing.get().clientSecret(), null, actor)
                    : Future.failedFuture(Failure.invalid("clientSecret", "Enter the Client Secret.")));
        });
    }

    /** Step 2: redeem the verification code, confirm the grant is for this instance, and switch to the new connection. */
    Future<Void> configure(long instanceId, String verificationCode, Actor actor) {
        return integrations.get(instanceId).compose(instance -> flows.redeem(instance, FlowPurpose.ADMIN_CONNECT, verificationCode, actor)
                .compose(redeemed -> grants.confirm(instance, redeemed.tokens().accessToken())
                        .recover(failure -> flows.fail(redeemed.flow(), instance, actor, failure.getMessage())
                                .compose(x -> Future.failedFuture(failure)))
                        .compose(account -> switchOver(instance, redeemed, account, actor)
                                .compose(done -> instance.cloudId() == null && account.cloudId() != null
                                        ? integrations.learnCloudId(instanceId, account.cloudId()) : Future.succeededFuture())
                                .compose(done -> confirmVersion(instance, redeemed.tokens().accessToken(), actor)))))
                .eventually(() -> changed(instanceId));
    }

    /**
     * A Data Center registered while its serverInfo needed a login: the new token reads its version
     * (integrations leaves any other instance as it is); the connection stands either way.
     */
    private Future<Void> confirmVersion(JiraInstance instance, String accessToken, Actor actor) {
        return integrations.confirmVersion(instance.id(), accessToken, actor)
                .onFailure(e -> LOG.warn("event=instance_version_unconfirmed instance_id={} reason={}", instance.id(), e.getMessage()))
                .<Void>mapEmpty().otherwiseEmpty();
    }

    private Future<Void> switchOver(JiraInstance instance, OAuthFlows.Redeemed redeemed, GrantConfirmation.JiraAccount account, Actor actor) {
        return pool.withTransaction(tx -> connections.lock(tx, instance.id()).compose(wasEnabled -> store.saveRegistration(tx, instance.id(),
                                redeemed.flow().clientId(), redeemed.clientSecret(), actor.userId(), flows.now())
                        .compose(generation -> store.deleteTokensOfOtherGenerations(tx, instance.id(), generation)
                                .compose(dropped -> store.saveTokens(tx, instance.id(), actor.userId(), generation, redeemed.tokens(),
                                        redeemed.flow().redirectUri(), account, flows.now())
                                        .map(dropped)))
                        .compose(dropped -> connections.connected(tx, instance.id(), account, redeemed.tokens().scopes(), actor.userId(), flows.now())
                                .map(dropped))
                        .compose(dropped -> flows.complete(tx, redeemed.flow())
                                .compose(x -> recordAll(tx, instance, actor, List.of(
                                        new Event(AuditEventType.VERIFICATION_SUCCEEDED, "verification code accepted"),
                                        new Event(AuditEventType.ADMIN_CONNECTED, "connected as Jira user " + account.displayName()
                                                + " with scopes " + redeemed.tokens().scopes()),
                                        !wasEnabled ? new Event(AuditEventType.OAUTH_ENABLED, "client " + redeemed.flow().clientId())
                                                : new Event(AuditEventType.OAUTH_CONFIG_UPDATED, "client " + redeemed.flow().clientId()
                                                + (dropped > 0 ? "; " + dropped + " token(s) of the previous client deleted" : ""))))))))
                .onSuccess(done -> LOG.info("event=oauth_connected instance_id={} by_user={}", instance.id(), actor.userId()));
    }

    /** Turns OAuth off: forgets the client secret and every token; the history keeps the record. */
    Future<Void> disable(long instanceId, Actor actor) {
        return integrations.get(instanceId).compose(instance -> pool.withTransaction(tx -> connections.lock(tx, instanceId)
                .compose(wasEnabled -> flows.endAllOfInstance(tx, instanceId))
                .compose(flowsEnded -> store.deleteAll(tx, instanceId))
                .compose(tokens -> connections.disabled(tx, instanceId, flows.now()).map(tokens))
                // Neither Atlassian 3LO nor Jira Data Center documents a revocation endpoint: the tokens are deleted here,
                // and users can revoke the app in their Jira profile.
                .compose(tokens -> recordAll(tx, instance, actor, List.of(new Event(AuditEventType.OAUTH_DISABLED,
                        tokens + " token(s) and the client secret deleted"))))))
                .eventually(() -> changed(instanceId));
    }

    /** Once committed, this node's next request sees the change: the list, and no token of the old client (others hear of it from PostgreSQL). */
    private Future<Void> changed(long instanceId) {
        kept.forgetInstance(instanceId);
        return integrations.listChanged();
    }

    private record Event(AuditEventType type, String reason) {
    }

    private Future<Void> recordAll(SqlClient tx, JiraInstance instance, Actor actor, List<Event> events) {
        Future<Long> chain = Future.succeededFuture();
        for (Event event : events) {
            chain = chain.compose(previous -> audit.record(tx, instance.id(), instance.name(), actor, event.type(), true, event.reason()));
        }
        return chain.mapEmpty();
    }
}
