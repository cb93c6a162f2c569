package io.testbridge.oauth;

import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The oauth door's implementation, on the oauth verticle's context. */
final class OAuthService implements OAuth {
    private final Pool pool;
    private final AdminConnections admin;
    private final UserConnections users;
    private final OAuthFlows flows;
    private final ConnectionStore connections;
    private final TokenKeepAlive keepAlive;

    OAuthService(Pool pool, AdminConnections admin, UserConnections users, OAuthFlows flows, ConnectionStore connections,
                 TokenKeepAlive keepAlive) {
        this.pool = pool;
        this.admin = admin;
        this.users = users;
        this.flows = flows;
        this.connections = connections;
        this.keepAlive = keepAlive;
    }

    @Override
    public Future<JsonObject> settings(long instanceId) {
        return admin.settings(instanceId);
    }

    @Override
    public Future<StartedFlow> startAdminConnection(long instanceId, String clientId, String clientSecret, Actor actor) {
        return admin.start(instanceId, clientId, clientSecret, actor);
    }

    @Override
    public Future<Void> configureAdminConnection(long instanceId, String verificationCode, Actor actor) {
        return admin.configure(instanceId, verificationCode, actor);
    }

    @Override
    public Future<Void> disable(long instanceId, Actor actor) {
        return admin.disable(instanceId, actor);
    }

    @Override
    public Future<JsonArray> myConnections(long userId) {
        return users.mine(userId);
    }

    @Override
    public Future<StartedFlow> startUserAuthentication(long instanceId, Actor actor) {
        return users.start(instanceId, actor);
    }

    @Override
    public Future<JsonObject> completeUserAuthentication(long instanceId, String verificationCode, Actor actor) {
        return users.verify(instanceId, verificationCode, actor);
    }

    @Override
    public Future<Void> disconnect(long instanceId, Actor actor) {
        return users.disconnect(instanceId, actor);
    }

    @Override
    public Future<JsonArray> instanceConnections(long instanceId) {
        return users.ofInstance(instanceId);
    }

    @Override
    public Future<CallbackResult> callback(CallbackRequest request) {
        return flows.callback(request);
    }

    @Override
    public Future<JsonObject> counts() {
        return connections.counts(pool);
    }

    @Override
    public Future<Integer> refreshIdleConnections() {
        return keepAlive.runOnce();
    }

    @Override
    public Future<Integer> discardAbandonedFlows() {
        return flows.discardExpired();
    }
}
