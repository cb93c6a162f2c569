package io.testbridge.jirasim;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {dcBase}/rest/oauth2/latest/authorize of the Data Center OAuth 2.0 provider. An unknown client or
 * an unregistered redirect_uri gets an error page; once the redirect_uri is trusted, other problems
 * go back to it as RFC 6749 error redirects. PKCE: only S256 is accepted.
 */
final class DcAuthorizeEndpoint {

    static final String PATH = "/dc/:instance/rest/oauth2/latest/authorize";

    private final SimContext sim;

    DcAuthorizeEndpoint(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::showConsent);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::answerConsent);
    }

    private void showConsent(RoutingContext ctx) {
        DcInstance instance = DcRouting.instanceWithOAuthProvider(ctx, sim);
        if (instance == null) {
            return;
        }
        OAuthClientRegistration client = sim.state.dcClient(instance.name(), ctx.request().getParam("client_id"))
                .orElse(null);
        if (client == null) {
            errorPage(ctx, "invalid_client", "No incoming application link has this client_id.");
            return;
        }
        if (instance.enforcesHttps() && !sim.urls.dcBase(instance.name()).startsWith("https://")) {
            errorPage(ctx, "invalid_request", "Jira's base URL must use HTTPS for OAuth 2.0 "
                    + "(atlassian.oauth2.provider.skip.base.url.https.requirement is false).");
            return;
        }
        String redirectUri = ctx.request().getParam("redirect_uri");
        if (!client.hasRedirectUri(redirectUri)) {
            errorPage(ctx, "invalid_request", "The redirect_uri does not match the application link's redirect URL.");
            return;
        }
        String state = ctx.request().getParam("state");
        if (!"code".equals(ctx.request().getParam("response_type"))) {
            redirectError(ctx, redirectUri, "unsupported_response_type", "response_type must be code", state);
            return;
        }
        String challenge = ctx.request().getParam("code_challenge");
        String method = ctx.request().getParam("code_challenge_method");
        if (challenge != null || method != null) {
            // A challenge without a method means "plain" (RFC 7636), which is refused like an explicit plain.
            if (!"S256".equals(method) || challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
                redirectError(ctx, redirectUri, "invalid_request",
                        "Only the S256 code_challenge_method with a valid code_challenge is supported", state);
                return;
            }
        }
        Set<String> scopes = requestedScopes(ctx.request().getParam("scope"), client);
        DcScope allowed = DcScope.parse(client.scopes().iterator().next());
        for (String scope : scopes) {
            if (!DcScope.isKnown(scope) || !allowed.includes(DcScope.parse(scope))) {
                redirectError(ctx, redirectUri, "invalid_scope",
                        "The scope " + scope + " is not allowed for this client", state);
                return;
            }
        }
        ConsentRequests.Pending request = sim.consents.open(client, redirectUri, scopes, state, challenge);
        String action = "/dc/" + instance.name() + "/rest/oauth2/latest/authorize";
        Responses.html(ctx, 200, ConsentPages.dataCenterConsent(request, sim.state.users(), instance, action));
    }

    private void answerConsent(RoutingContext ctx) {
        DcInstance instance = DcRouting.instanceWithOAuthProvider(ctx, sim);
        if (instance == null) {
            return;
        }
        var form = ctx.request().formAttributes();
        ConsentRequests.Pending request = sim.consents.take(form.get("consent_request")).orElse(null);
        if (request == null || !instance.name().equals(request.client().dcInstance())) {
            errorPage(ctx, "invalid_request", "This authorization request has expired or was already answered.");
            return;
        }
        String decision = form.get("decision");
        if ("deny".equals(decision)) {
            redirectError(ctx, request.redirectUri(), "access_denied", "The user denied access", request.state());
            return;
        }
        SimUser user = sim.state.findUser(form.get("user")).orElse(null);
        if (!("allow".equals(decision) || "accept".equals(decision)) || user == null) {
            errorPage(ctx, "invalid_request", "Choose a user, then Allow or Deny.");
            return;
        }
        AuthorizationCode code = sim.tokens.issueCode(request.client(), request.redirectUri(), user,
                request.scopes(), List.of(), request.codeChallenge(), sim.options.dcAuthorizationCodeLifetime());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.value);
        params.put("state", request.state());
        Responses.redirect(ctx, Responses.withQuery(request.redirectUri(), params));
    }

    /** Without a scope parameter the link's own permission is asked for. */
    private static Set<String> requestedScopes(String scopeParam, OAuthClientRegistration client) {
        if (scopeParam == null || scopeParam.isBlank()) {
            return Set.copyOf(client.scopes());
        }
        return new LinkedHashSet<>(Arrays.stream(scopeParam.trim().split("[\\s+]+")).toList());
    }

    private static void redirectError(RoutingContext ctx, String redirectUri, String error, String description,
            String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        Responses.redirect(ctx, Responses.withQuery(redirectUri, params));
    }

    private static void errorPage(RoutingContext ctx, String code, String description) {
        Responses.html(ctx, 400, ConsentPages.error("Unable to authorize the application", code, description));
    }
}
