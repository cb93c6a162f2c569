package io.testbridge.oauth;

import io.testbridge.shared.Version;
import io.testbridge.jira.Deployment;
import io.testbridge.jira.JiraCallFailed;
import io.testbridge.jira.JiraHttp;
import io.testbridge.jira.JiraResponse;
import io.testbridge.jira.JiraUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2Options;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Jira OAuth 2.0 client registration (client id and secret at one Jira).
 * Cloud: Atlassian's authorization server with {@code audience=api.atlassian.com}, {@code prompt=consent},
 * the classic scopes plus {@code offline_access}; no PKCE (Atlassian does not support it).
 * Data Center: {@code /rest/oauth2/latest/*} on the instance, PKCE S256, scope WRITE, and
 * {@code redirect_uri} on refresh too (its provider requires it).
 *
 * <p>vertx-auth-oauth2 builds the authorization URL only; the token requests (which carry the
 * client secret and the refresh token) go through {@link JiraHttp} like every other call to Jira:
 * the address guard, the pinned address, the deadline and the size cap apply to them too.
 */
public final class JiraOAuthClient {
    public static final List<String> CLOUD_SCOPES = List.of("read:jira-work", "read:jira-user", "write:jira-work", "offline_access");
    public static final List<String> DATA_CENTER_SCOPES = List.of("WRITE");

    private final Deployment deployment;
    private final OAuth2Auth authorizationUrls;
    private final JiraHttp http;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final Clock clock;

    private JiraOAuthClient(Deployment deployment, OAuth2Auth authorizationUrls, JiraHttp http, String tokenUrl, String clientId,
                            String clientSecret, String redirectUri, Clock clock) {
        this.deployment = deployment;
        this.authorizationUrls = authorizationUrls;
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.clock = clock;
    }

    /**
     * @param site for Cloud the authorization server (e.g. https://auth.atlassian.com); for Data Center the instance's base URL
     */
    public static JiraOAuthClient create(Vertx vertx, JiraHttp http, Deployment deployment, String site, String clientId, String clientSecret,
                                         String redirectUri, Clock clock) {
        OAuth2Options options = new OAuth2Options()
                .setSite(site)
                .setClientId(clientId)
                .setUserAgent("Testbridge/" + Version.CURRENT);
        String tokenPath;
        if (deployment == Deployment.CLOUD) {
            options.setAuthorizationPath("/authorize");
            tokenPath = "/oauth/token";
        } else {
            options.setAuthorizationPath("/rest/oauth2/latest/authorize");
            tokenPath = "/rest/oauth2/latest/token";
        }
        return new JiraOAuthClient(deployment, OAuth2Auth.create(vertx, options), http, site + tokenPath, clientId, clientSecret, redirectUri, clock);
    }

    /** Whether this provider takes PKCE (Data Center does; Atlassian Cloud does not). */
    public boolean usesPkce() {
        return deployment == Deployment.DATA_CENTER;
    }

    public String authorizationUrl(String state, String codeVerifier) {
        OAuth2AuthorizationURL url = new OAuth2AuthorizationURL().setRedirectUri(redirectUri).setState(state);
        if (deployment == Deployment.CLOUD) {
            url.setScopes(CLOUD_SCOPES).putAdditionalParameter("audience", "api.atlassian.com").setPrompt("consent");
        } else {
            url.setScopes(DATA_CENTER_SCOPES).setCodeChallenge(FlowSecrets.s256Challenge(codeVerifier)).setCodeChallengeMethod("S256");
        }
        return authorizationUrls.authorizeURL(url);
    }

    /** Exchanges an authorization code at once (Data Center codes live 10 seconds by default). */
    public Future<TokenSet> exchange(String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (usesPkce()) {
            form.put("code_verifier", codeVerifier);
        }
        return token(form);
    }

    /** Trades a refresh token for a new pair; the old refresh token is dead once this succeeds (rotation). */
    public Future<TokenSet> refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (deployment == Deployment.DATA_CENTER) {
            form.put("redirect_uri", redirectUri);
        }
        return token(form).map(set -> set.refreshToken() == null
                ? new TokenSet(set.accessToken(), refreshToken, set.accessExpiresAt(), set.scopes()) : set);
    }

    /** One token request; Atlassian and Jira read the client credentials from the form body. */
    private Future<TokenSet> token(Map<String, String> form) {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        String body = form.entrySet().stream().map(field -> JiraUrl.percentEncode(field.getKey()) + "=" + JiraUrl.percentEncode(field.getValue()))
                .collect(Collectors.joining("&"));
        return http.request(HttpMethod.POST, tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(Buffer.buffer(body))
                .recover(failure -> Future.failedFuture(TokenEndpointException.unanswered(
                        failure instanceof JiraCallFailed call ? call.detail() : failure.getClass().getSimpleName())))
                .map(this::tokens);
    }

    private TokenSet tokens(JiraResponse response) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            body = null;
        }
        if (body != null && body.getValue("error") instanceof String error) {
            throw TokenEndpointException.answered(error, body.getString("error_description"));
        }
        if (response.statusCode() != 200 || body == null || body.getString("access_token") == null) {
            String type = String.valueOf(response.getHeader("Content-Type"));
            throw TokenEndpointException.unanswered("the token endpoint answered HTTP " + response.statusCode()
                    + (type.contains("text/html") ? " with a web page" : body == null ? " without JSON" : " without an access token"));
        }
        return TokenSet.fromTokenResponse(body, clock.instant());
    }
}
