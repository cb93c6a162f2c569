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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
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
    private final ClientAuthentications authentications;
    private final Clock clock;

    private JiraOAuthClient(Deployment deployment, OAuth2Auth authorizationUrls, JiraHttp http, String tokenUrl, String clientId,
                            String clientSecret, String redirectUri, ClientAuthentications authentications, Clock clock) {
        this.deployment = deployment;
        this.authorizationUrls = authorizationUrls;
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.authentications = authentications;
        this.clock = clock;
    }

    /**
     * @param site for Cloud the authorization server (e.g. https://auth.atlassian.com); for Data Center the instance's base URL
     * @param redirectUri the callback URL sent with the authorization and the code; Data Center's refresh repeats it
     */
    public static JiraOAuthClient create(Vertx vertx, JiraHttp http, Deployment deployment, String site, String clientId, String clientSecret,
                                         String redirectUri, ClientAuthentications authentications, Clock clock) {
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
        return new JiraOAuthClient(deployment, OAuth2Auth.create(vertx, options), http, site + tokenPath, clientId, clientSecret, redirectUri,
                authentications, clock);
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
        return token(form).map(body -> TokenSet.fromTokenResponse(body, clock.instant(), String.join(" ", requestedScopes())));
    }

    /** What the authorization URL asks for: what a token answer without {@code scope} granted (RFC 6749 §5.1). */
    private List<String> requestedScopes() {
        return deployment == Deployment.CLOUD ? CLOUD_SCOPES : DATA_CENTER_SCOPES;
    }

    /** Trades a refresh token for a new pair; the old refresh token is dead once this succeeds (rotation). */
    public Future<TokenSet> refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (deployment == Deployment.DATA_CENTER) {
            form.put("redirect_uri", redirectUri);
        }
        // without scope in the answer the refresh keeps what was granted (the store keeps the scopes it has)
        return token(form).map(body -> TokenSet.fromTokenResponse(body, clock.instant(), ""))
                .map(set -> set.refreshToken() == null ? new TokenSet(set.accessToken(), refreshToken, set.accessExpiresAt(), set.scopes()) : set);
    }

    /**
     * One token request, answered with the token JSON. The client secret goes where this endpoint took
     * it last (the body first: both Jiras document it); a body-authenticated request refused with
     * {@code invalid_client} is sent once more with HTTP Basic, the one method RFC 6749 §2.3.1 makes
     * every server accept.
     */
    private Future<JsonObject> token(Map<String, String> form) {
        ClientAuthentications.Method preferred = authentications.preferred(tokenUrl, clientId);
        return send(form, preferred).compose(response -> {
            if (preferred != ClientAuthentications.Method.SECRET_IN_BODY || !refusesClient(response)) {
                return Future.succeededFuture(response);
            }
            return send(form, ClientAuthentications.Method.HTTP_BASIC).andThen(retried -> {
                if (retried.succeeded() && authenticated(retried.result())) {
                    authentications.worked(tokenUrl, clientId, ClientAuthentications.Method.HTTP_BASIC);
                }
            });
        }).map(this::tokenJson);
    }

    private Future<JiraResponse> send(Map<String, String> parameters, ClientAuthentications.Method method) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        JiraHttp.Call call = http.request(HttpMethod.POST, tokenUrl).header("Content-Type", "application/x-www-form-urlencoded");
        if (method == ClientAuthentications.Method.HTTP_BASIC) {
            call.header("Authorization", "Basic " + basicCredentials(clientId, clientSecret));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        }
        String body = form.entrySet().stream().map(field -> JiraUrl.percentEncode(field.getKey()) + "=" + JiraUrl.percentEncode(field.getValue()))
                .collect(Collectors.joining("&"));
        return call.send(Buffer.buffer(body))
                .recover(failure -> Future.failedFuture(TokenEndpointException.unanswered("Jira's token endpoint did not answer: "
                        + (failure instanceof JiraCallFailed jira ? jira.detail() : failure.getClass().getSimpleName()))));
    }

    /** RFC 6749 §2.3.1: client id and secret are each form-urlencoded, then joined with ':' and base64-encoded. */
    private static String basicCredentials(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6749 §5.2: a failed client authentication is {@code invalid_client}, with 401 (or 400 from some servers). */
    private static boolean refusesClient(JiraResponse response) {
        return (response.statusCode() == 401 || response.statusCode() == 400) && "invalid_client".equals(errorOf(json(response)));
    }

    /** The server took the client's credentials: it issued tokens, or refused something other than the client. */
    private static boolean authenticated(JiraResponse response) {
        return response.statusCode() == 200 || (response.statusCode() < 500 && errorOf(json(response)) != null && !refusesClient(response));
    }

    private JsonObject tokenJson(JiraResponse response) {
        JsonObject body = json(response);
        String error = errorOf(body);
        if (error != null) {
            throw TokenEndpointException.answered(error, body.getString("error_description"));
        }
        if (response.statusCode() != 200 || body == null || body.getString("access_token") == null) {
            throw TokenEndpointException.unanswered("Jira's token endpoint answered HTTP " + response.statusCode() + (isHtml(response)
                    ? " with an HTML page (a proxy or gateway error), not OAuth JSON"
                    : body == null ? " without JSON" : " without an access token"));
        }
        return body;
    }

    private static JsonObject json(JiraResponse response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String errorOf(JsonObject body) {
        return body != null && body.getValue("error") instanceof String error ? error : null;
    }

    /** A proxy's error page: said to be HTML, or looking like it whatever the header says; never shown to anyone. */
    private static boolean isHtml(JiraResponse response) {
        String type = String.valueOf(response.getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
        String start = response.body() == null ? "" : response.bodyAsString().stripLeading();
        return type.contains("text/html") || start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5);
    }
}
