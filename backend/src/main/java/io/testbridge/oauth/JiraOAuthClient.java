package io.testbridge.oauth;

import io.testbridge.shared.Version;
import io.testbridge.jira.Deployment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One Jira OAuth 2.0 client registration (client id and secret at one Jira), on vertx-auth-oauth2.
 * Cloud: Atlassian's authorization server with {@code audience=api.atlassian.com}, {@code prompt=consent},
 * the classic scopes plus {@code offline_access}; no PKCE (Atlassian does not support it).
 * Data Center: {@code /rest/oauth2/latest/*} on the instance, PKCE S256, scope WRITE, and
 * {@code redirect_uri} on refresh too (its provider requires it).
 */
public final class JiraOAuthClient {
    public static final List<String> CLOUD_SCOPES = List.of("read:jira-work", "read:jira-user", "write:jira-work", "offline_access");
    public static final List<String> DATA_CENTER_SCOPES = List.of("WRITE");

    private final Deployment deployment;
    private final OAuth2Auth oauth2;
    private final String redirectUri;
    private final Clock clock;

    private JiraOAuthClient(Deployment deployment, OAuth2Auth oauth2, String redirectUri, Clock clock) {
        this.deployment = deployment;
        this.oauth2 = oauth2;
        this.redirectUri = redirectUri;
        this.clock = clock;
    }

    /**
     * @param site for Cloud the authorization server (e.g. https://auth.atlassian.com); for Data Center the instance's base URL
     */
    public static JiraOAuthClient create(Vertx vertx, Deployment deployment, String site, String clientId, String clientSecret,
                                         String redirectUri, Duration timeout, Clock clock) {
        OAuth2Options options = new OAuth2Options()
                .setSite(site)
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                // Atlassian and Jira read the client credentials from the body
                .setUseBasicAuthorization(false)
                .setUserAgent("Testbridge/" + Version.CURRENT)
                .setHttpClientOptions(new HttpClientOptions()
                        .setConnectTimeout((int) Math.min(timeout.toMillis(), 5_000))
                        .setIdleTimeout((int) timeout.toSeconds())
                        .setKeepAlive(true));
        if (deployment == Deployment.CLOUD) {
            options.setAuthorizationPath("/authorize").setTokenPath("/oauth/token");
        } else {
            options.setAuthorizationPath("/rest/oauth2/latest/authorize").setTokenPath("/rest/oauth2/latest/token")
                    .setExtraParameters(new JsonObject().put("redirect_uri", redirectUri));
        }
        return new JiraOAuthClient(deployment, OAuth2Auth.create(vertx, options), redirectUri, clock);
    }

    /** Whether this provider takes PKCE (Data Center does; Atlassian Cloud does not). */
    public boolean usesPkce() {
        return deployment == Deployment.DATA_CENTER;
    }

    public String authorizationUrl(String state, String codeVerifier) {
        OAuth2AuthorizationURL url = new OAuth2AuthorizationURL().setRedirectUri(redirectUri).setState(state);
        if (deployment == Deployment.CLOUD) {
            // extraParameters never reach the authorize URL in vertx-auth-oauth2: add these here
            url.setScopes(CLOUD_SCOPES).putAdditionalParameter("audience", "api.atlassian.com").setPrompt("consent");
        } else {
            url.setScopes(DATA_CENTER_SCOPES).setCodeChallenge(FlowSecrets.s256Challenge(codeVerifier)).setCodeChallengeMethod("S256");
        }
        return oauth2.authorizeURL(url);
    }

    /** Exchanges an authorization code at once (Data Center codes live 10 seconds by default). */
    public Future<TokenSet> exchange(String code, String codeVerifier) {
        Oauth2Credentials credentials = new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(redirectUri);
        if (usesPkce()) {
            credentials.setCodeVerifier(codeVerifier);
        }
        return oauth2.authenticate(credentials)
                .map(user -> TokenSet.fromTokenResponse(user.principal(), clock.instant()))
                .recover(failure -> Future.failedFuture(TokenEndpointException.classify(failure)));
    }

    /** Trades a refresh token for a new pair; the old refresh token is dead once this succeeds (rotation). */
    public Future<TokenSet> refresh(String refreshToken) {
        User user = User.create(new JsonObject().put("refresh_token", refreshToken));
        return oauth2.refresh(user)
                .map(refreshed -> {
                    TokenSet set = TokenSet.fromTokenResponse(refreshed.principal(), clock.instant());
                    return set.refreshToken() == null ? new TokenSet(set.accessToken(), refreshToken, set.accessExpiresAt(), set.scopes()) : set;
                })
                .recover(failure -> Future.failedFuture(TokenEndpointException.classify(failure)));
    }
}
