package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * auth.atlassian.com/oauth/token (Auth0 underneath): JSON or form bodies, client credentials in the
 * body or as HTTP Basic, authorization_code and refresh_token grants, Atlassian's error shapes.
 */
final class CloudTokenEndpoint {

    static final String PATH = "/cloud/auth/oauth/token";

    private final SimContext sim;

    CloudTokenEndpoint(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::token);
    }

    private void token(RoutingContext ctx) {
        TokenRequest request = TokenRequest.parse(ctx);
        if (request == null || request.bodyKind == TokenRequest.BodyKind.OTHER) {
            Responses.oauthError(ctx, 400, "invalid_request", "Request body must be JSON or form-encoded");
            return;
        }
        String grantType = request.param("grant_type");
        if (grantType == null) {
            Responses.oauthError(ctx, 400, "invalid_request", "Missing required parameter: grant_type");
            return;
        }
        OAuthClientRegistration client = sim.state.cloudClient(request.clientId).orElse(null);
        if (TokenAnswers.refusesSecretInBody(ctx, client, request)) {
            return;
        }
        if (client == null || !client.secretMatches(request.clientSecret)) {
            // What auth.atlassian.com answers for an unknown client or a wrong secret.
            Responses.oauthError(ctx, 401, "access_denied", "Unauthorized");
            return;
        }
        try {
            switch (grantType) {
                case "authorization_code" -> succeed(ctx, client, sim.tokens.redeemCode(request.param("code"), client,
                        request.param("redirect_uri"), null, sim.options.cloudRefreshPolicy()));
                case "refresh_token" -> succeed(ctx, client, sim.tokens.refresh(request.param("refresh_token"), client,
                        sim.options.cloudRefreshPolicy()));
                default -> Responses.oauthError(ctx, 400, "unsupported_grant_type",
                        "Unsupported grant type: " + grantType);
            }
        } catch (GrantFailure failure) {
            fail(ctx, failure.reason);
        }
    }

    private static void succeed(RoutingContext ctx, OAuthClientRegistration client, IssuedTokens.Pair pair) {
        JsonObject body = new JsonObject().put("access_token", pair.accessToken())
                .put("expires_in", pair.expiresInSeconds()).put("token_type", "Bearer");
        TokenAnswers.putScope(body, client, pair);
        if (pair.refreshToken() != null) {
            body.put("refresh_token", pair.refreshToken());
        }
        Responses.noStore(ctx);
        Responses.json(ctx, 200, body);
    }

    private static void fail(RoutingContext ctx, GrantFailure.Reason reason) {
        switch (reason) {
            // Reported verbatim by developers whose code had expired or was used twice.
            case CODE_UNKNOWN, CODE_REDEEMED, CODE_EXPIRED ->
                    Responses.oauthError(ctx, 400, "invalid_request", "authorization_code is invalid");
            // Auth0's answer when the code does not belong to this client/redirect_uri.
            case CODE_OTHER_CLIENT, REDIRECT_URI_MISMATCH, REDIRECT_URI_MISSING, PKCE_MISMATCH ->
                    Responses.oauthError(ctx, 403, "invalid_grant", "Invalid authorization code");
            default -> Responses.oauthError(ctx, 403, "invalid_grant", "Unknown or invalid refresh token.");
        }
    }
}
