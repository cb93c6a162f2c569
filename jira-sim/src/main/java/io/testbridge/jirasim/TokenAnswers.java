package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What both token endpoints do alike for a client's registration options. */
final class TokenAnswers {

    private TokenAnswers() {
    }

    /**
     * A client registered for HTTP Basic only that sent its secret in the body: 401 {@code invalid_client}
     * (RFC 6749 §5.2), as a server that implements only the mandatory method answers. True when answered.
     */
    static boolean refusesSecretInBody(RoutingContext ctx, OAuthClientRegistration client, TokenRequest request) {
        if (client == null || client.clientAuthentication() != OAuthClientRegistration.ClientAuthentication.BASIC_ONLY
                || !request.secretInBody) {
            return false;
        }
        ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"oauth\"");
        Responses.oauthError(ctx, 401, "invalid_client", "Client authentication failed");
        return true;
    }

    /** RFC 6749 §5.1: {@code scope} may be left out when it is what the client asked for. */
    static void putScope(JsonObject body, OAuthClientRegistration client, IssuedTokens.Pair pair) {
        if (client.tokenAnswerScope() == OAuthClientRegistration.TokenAnswerScope.LISTED) {
            body.put("scope", pair.scope());
        }
    }
}
