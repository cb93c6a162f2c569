package io.testbridge.oauth;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The oauth module's door: administrators connecting instances, users authenticating as
 * themselves, and the callback Jira redirects browsers to. It owns the tables oauth_connections,
 * oauth_clients, oauth_flows and oauth_tokens (all secrets sealed); others read an instance's
 * connection through the view oauth_connection_summaries. Tokens reach the Jira client through
 * {@link JiraTokens}.
 */
@Door(value = EventAddresses.OAUTH, timeoutSeconds = 120)
public interface OAuth {
    /** What the connection dialog shows: the callback URL to register, the scopes, the current client id. */
    Future<JsonObject> settings(long instanceId);

    /** Step 1 for an administrator: a flow with these client credentials (an empty secret reuses the stored one). */
    Future<StartedFlow> startAdminConnection(long instanceId, String clientId, String clientSecret, Actor actor);

    /** Step 2 for an administrator: redeem the verification code and switch the instance to the new connection. */
    Future<Void> configureAdminConnection(long instanceId, String verificationCode, Actor actor);

    /** Turns OAuth off: forgets the client secret and every token; the history keeps the record. */
    Future<Void> disable(long instanceId, Actor actor);

    /** Every OAuth-enabled instance, with this user's connection to it (or none); never a token. */
    Future<JsonArray> myConnections(long userId);

    /** Step 1 for a user ("Authenticate with Jira"). */
    Future<StartedFlow> startUserAuthentication(long instanceId, Actor actor);

    /** Step 2 for a user: their connection as it now stands. */
    Future<JsonObject> completeUserAuthentication(long instanceId, String verificationCode, Actor actor);

    Future<Void> disconnect(long instanceId, Actor actor);

    /** The administrator's view of every user's connection to an instance; never a token. */
    Future<JsonArray> instanceConnections(long instanceId);

    /** Jira's redirect back: exchanges the code at once and answers what the callback page shows. */
    Future<CallbackResult> callback(CallbackRequest request);

    /** Users' connections, for the System page. */
    Future<JsonObject> counts();

    /** Runs the token keep-alive now rather than at its next period (operators' and tests' lever); how many were refreshed. */
    Future<Integer> refreshIdleConnections();

    /** Runs the flow clean-up now rather than at its next tick (operators' and tests' lever); how many flows it ended or forgot. */
    Future<Integer> discardAbandonedFlows();
}
