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
 * auth.atlassian.com/authorize: validates the request, shows the consent page, and redirects with a
 * code or access_denied. Anything wrong before the redirect_uri is trusted, and anything Atlassian
 * rejects up front (audience, scopes), is shown as an error page: an unverified redirect_uri must
 * never receive a redirect.
 */
final class CloudAuthorizeEndpoint {

    static final String PATH = "/cloud/auth/authorize";
    private static final String AUDIENCE = "api.atlassian.com";

    private final SimContext sim;

    CloudAuthorizeEndpoint(SimContext sim) {
        this.sim = sim;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::showConsent);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::answerConsent);
    }

    private void showConsent(RoutingContext ctx) {
        String clientId = ctx.request().getParam("client_id");
        OAuthClientRegistration client = sim.state.cloudClient(clientId).orElse(null);
        if (client == null) {
            errorPage(ctx, "invalid_client", "Unknown client_id: the app is not registered.");
            return;
        }
        String redirectUri = ctx.request().getParam("redirect_uri");
        if (!client.hasRedirectUri(redirectUri)) {
            errorPage(ctx, "invalid_request",
                    "The redirect_uri is not registered as a callback URL of " + client.name() + ".");
            return;
        }
        if (!"code".equals(ctx.request().getParam("response_type"))) {
            errorPage(ctx, "unsupported_response_type", "response_type must be code.");
            return;
        }
        if (!AUDIENCE.equals(ctx.request().getParam("audience"))) {
            errorPage(ctx, "invalid_request", "audience must be " + AUDIENCE + ".");
            return;
        }
        Set<String> scopes = requestedScopes(ctx.request().getParam("scope"));
        String scopeProblem = scopeProblem(client, scopes);
        if (scopeProblem != null) {
            errorPage(ctx, "invalid_scope", scopeProblem);
            return;
        }
        if (sim.state.users().isEmpty() || sim.state.sites().isEmpty()) {
            errorPage(ctx, "server_error", "The simulator has no users or no sites to consent with.");
            return;
        }
        // PKCE parameters are deliberately ignored: Cloud 3LO does not support PKCE.
        ConsentRequests.Pending request = sim.consents.open(client, redirectUri, scopes,
                ctx.request().getParam("state"), null);
        Responses.html(ctx, 200, ConsentPages.cloudConsent(request, sim.state.users(), sim.state.sites(), PATH));
    }

    private void answerConsent(RoutingContext ctx) {
        var form = ctx.request().formAttributes();
        ConsentRequests.Pending request = sim.consents.take(form.get("consent_request")).orElse(null);
        if (request == null || !request.client().isCloud()) {
            errorPage(ctx, "invalid_request", "This consent request has expired or was already answered.");
            return;
        }
        String decision = form.get("decision");
        if ("deny".equals(decision)) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", "access_denied");
            params.put("error_description", "User did not authorize the request");
            params.put("state", request.state());
            Responses.redirect(ctx, Responses.withQuery(request.redirectUri(), params));
            return;
        }
        SimUser user = sim.state.findUser(form.get("user")).orElse(null);
        CloudSite chosen = sim.state.site(form.get("site")).orElse(null);
        if (!"accept".equals(decision) || user == null || chosen == null) {
            errorPage(ctx, "invalid_request", "Choose a user and a site, then Accept or Deny.");
            return;
        }
        List<CloudSite> granted = request.client().consentCoversAllSites() ? sim.state.sites() : List.of(chosen);
        AuthorizationCode code = sim.tokens.issueCode(request.client(), request.redirectUri(), user,
                request.scopes(), granted, null, sim.options.cloudAuthorizationCodeLifetime());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.value);
        params.put("state", request.state());
        Responses.redirect(ctx, Responses.withQuery(request.redirectUri(), params));
    }

    private static Set<String> requestedScopes(String scopeParam) {
        if (scopeParam == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.stream(scopeParam.trim().split("[\\s+]+"))
                .filter(s -> !s.isEmpty()).toList());
    }

    /** Every scope must be configured for the app; offline_access needs no configuration. */
    private static String scopeProblem(OAuthClientRegistration client, Set<String> scopes) {
        if (scopes.isEmpty()) {
            return "scope is required.";
        }
        for (String scope : scopes) {
            if (!scope.equals("offline_access") && !client.scopes().contains(scope)) {
                return "The scope '" + scope + "' is not configured for " + client.name() + ".";
            }
        }
        return null;
    }

    private static void errorPage(RoutingContext ctx, String code, String description) {
        Responses.html(ctx, 400, ConsentPages.error("Something went wrong", code, description));
    }
}
