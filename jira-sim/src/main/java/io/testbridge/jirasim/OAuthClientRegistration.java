package io.testbridge.jirasim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2.0 client as registered with an authorization server: a Cloud app from the developer
 * console ({@code dcInstance == null}) or an incoming application link of one Data Center instance.
 *
 * <p>{@code scopes} are the most the client may ask for: Cloud classic scopes (offline_access is
 * always allowed, as in the developer console), or one Data Center permission (READ, WRITE, ADMIN,
 * SYSTEM_ADMIN) which includes the lower ones. {@code consentCoversAllSites} makes one Cloud
 * consent cover every site the simulator knows, like an account-level grant.
 *
 * <p>{@code clientAuthentication} is how its token endpoint takes the client secret (RFC 6749 §2.3.1:
 * HTTP Basic is the one method every server supports; the body is optional). {@code tokenAnswerScope}
 * says whether token answers carry {@code scope} (RFC 6749 §5.1 lets a server leave it out when it
 * granted what was asked).
 */
public record OAuthClientRegistration(String dcInstance, String clientId, String clientSecret, String name,
        List<String> redirectUris, Set<String> scopes, boolean consentCoversAllSites,
        ClientAuthentication clientAuthentication, TokenAnswerScope tokenAnswerScope) {

    /** How the token endpoint accepts the client's credentials (RFC 7591 {@code token_endpoint_auth_method}). */
    public enum ClientAuthentication {
        /** {@code client_secret_post} or {@code client_secret_basic}: what both Atlassian servers take. */
        SECRET_IN_BODY_OR_BASIC,
        /** {@code client_secret_basic} only: a secret in the body earns 401 {@code invalid_client}. */
        BASIC_ONLY
    }

    /** Whether token answers list the granted scopes. */
    public enum TokenAnswerScope { LISTED, OMITTED }

    public OAuthClientRegistration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(name, "name");
        redirectUris = List.copyOf(redirectUris);
        scopes = Set.copyOf(new LinkedHashSet<>(scopes));
        clientAuthentication = clientAuthentication == null ? ClientAuthentication.SECRET_IN_BODY_OR_BASIC : clientAuthentication;
        tokenAnswerScope = tokenAnswerScope == null ? TokenAnswerScope.LISTED : tokenAnswerScope;
    }

    public static OAuthClientRegistration cloud(String clientId, String clientSecret, String name,
            List<String> redirectUris, Set<String> scopes) {
        return new OAuthClientRegistration(null, clientId, clientSecret, name, redirectUris, scopes, false, null, null);
    }

    public static OAuthClientRegistration dataCenter(String instance, String clientId, String clientSecret,
            String name, List<String> redirectUris, String scope) {
        Objects.requireNonNull(instance, "instance");
        return new OAuthClientRegistration(instance, clientId, clientSecret, name, redirectUris,
                Set.of(DcScope.parse(scope).name()), false, null, null);
    }

    public OAuthClientRegistration coveringAllSites() {
        return new OAuthClientRegistration(dcInstance, clientId, clientSecret, name, redirectUris, scopes, true,
                clientAuthentication, tokenAnswerScope);
    }

    /** Its token endpoint refuses a client secret in the body (401 {@code invalid_client}) and takes HTTP Basic only. */
    public OAuthClientRegistration acceptingOnlyBasicAuthentication() {
        return new OAuthClientRegistration(dcInstance, clientId, clientSecret, name, redirectUris, scopes, consentCoversAllSites,
                ClientAuthentication.BASIC_ONLY, tokenAnswerScope);
    }

    /** Its token answers leave {@code scope} out (RFC 6749 §5.1: then the requested scopes were granted). */
    public OAuthClientRegistration omittingScopeFromTokenAnswers() {
        return new OAuthClientRegistration(dcInstance, clientId, clientSecret, name, redirectUris, scopes, consentCoversAllSites,
                clientAuthentication, TokenAnswerScope.OMITTED);
    }

    public boolean isCloud() {
        return dcInstance == null;
    }

    /** Exact string comparison, as both Atlassian authorization servers do. */
    public boolean hasRedirectUri(String uri) {
        return uri != null && redirectUris.contains(uri);
    }

    public boolean secretMatches(String secret) {
        return secret != null && java.security.MessageDigest.isEqual(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Never print the secret, even in test failure messages. */
    @Override
    public String toString() {
        return "OAuthClientRegistration[" + (isCloud() ? "cloud" : "dc-" + dcInstance) + ", clientId=" + clientId
                + ", name=" + name + ", redirectUris=" + redirectUris + ", scopes=" + scopes
                + ", clientAuthentication=" + clientAuthentication + ", tokenAnswerScope=" + tokenAnswerScope + "]";
    }
}
