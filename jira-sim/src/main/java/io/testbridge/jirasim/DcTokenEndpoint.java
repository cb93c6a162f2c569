package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {dcBase}/rest/oauth2/latest/token: form-encoded only, PKCE verified when the authorize request
 * carried a code_challenge, redirect_uri required on refresh, refresh tokens rotated.
 */
final class DcTokenEndpoint {

    static final String PATH = "/dc/:instance/rest/oauth2/latest/token";

    private final SimContext sim;

    DcTokenEndpoint(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::token);
    }

    private void token(RoutingContext ctx) {
        DcInstance instance = DcRouting.instanceWithOAuthProvider(ctx, sim);
        if (instance == null) {
            return;
        }
        TokenRequest request = TokenRequest.parse(ctx);
        if (request == null || request.bodyKind != TokenRequest.BodyKind.FORM) {
            Responses.oauthError(ctx, 400, "invalid_request",
                    "The token endpoint accepts application/x-www-form-urlencoded bodies only");
            return;
        }
        OAuthClientRegistration client = sim.state.dcClient(instance.name(), request.clientId).orElse(null);
        if (TokenAnswers.refusesSecretInBody(ctx, client, request)) {
            return;
        }
        if (client == null || !client.secretMatches(request.clientSecret)) {
            Responses.oauthError(ctx, 401, "invalid_client", "Client authentication failed");
            return;
        }
        String grantType = request.param("grant_type");
        try {
            if ("authorization_code".equals(grantType)) {
                succeed(ctx, client, sim.tokens.redeemCode(request.param("code"), client, request.param("redirect_uri"),
                        request.param("code_verifier"), sim.options.dcRefreshPolicy()));
            } else if ("refresh_token".equals(grantType)) {
                succeed(ctx, client, sim.tokens.refreshWithRedirectUri(request.param("refresh_token"), client,
                        request.param("redirect_uri"), sim.options.dcRefreshPolicy()));
            } else {
                Responses.oauthError(ctx, 400, grantType == null ? "invalid_request" : "unsupported_grant_type",
                        grantType == null ? "grant_type is required" : "Unsupported grant type: " + grantType);
            }
        } catch (GrantFailure failure) {
            fail(ctx, failure.reason);
        }
    }

    private static void succeed(RoutingContext ctx, OAuthClientRegistration client, IssuedTokens.Pair pair) {
        JsonObject body = new JsonObject().put("access_token", pair.accessToken())
                .put("refresh_token", pair.refreshToken()).put("token_type", "bearer")
                .put("expires_in", pair.expiresInSeconds());
        TokenAnswers.putScope(body, client, pair);
        Responses.noStore(ctx);
        Responses.json(ctx, 200, body);
    }

    private static void fail(RoutingContext ctx, GrantFailure.Reason reason) {
        switch (reason) {
            // Known from practice: the provider names nothing when redirect_uri is missing on refresh, or is not
            // the one used at consent (JIRA.md, "Data Center"): a bare invalid_grant either way.
            case REDIRECT_URI_MISSING, REFRESH_REDIRECT_URI_MISMATCH -> Responses.oauthError(ctx, 400, "invalid_grant", null);
            case CODE_UNKNOWN, CODE_REDEEMED, CODE_EXPIRED, CODE_OTHER_CLIENT ->
                    Responses.oauthError(ctx, 400, "invalid_grant", "The authorization code is invalid or expired");
            case REDIRECT_URI_MISMATCH ->
                    Responses.oauthError(ctx, 400, "invalid_grant", "The redirect_uri does not match");
            case PKCE_MISMATCH ->
                    Responses.oauthError(ctx, 400, "invalid_grant", "The code_verifier does not match the challenge");
            default -> Responses.oauthError(ctx, 400, "invalid_grant", "The refresh token is invalid or expired");
        }
    }
}
