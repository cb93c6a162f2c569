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
 */
public record OAuthClientRegistration(String dcInstance, String clientId, String clientSecret, String name,
        List<String> redirectUris, Set<String> scopes, boolean consentCoversAllSites) {

    public OAuthClientRegistration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(name, "name");
        redirectUris = List.copyOf(redirectUris);
        scopes = Set.copyOf(new LinkedHashSet<>(scopes));
    }

    public static OAuthClientRegistration cloud(String clientId, String clientSecret, String name,
            List<String> redirectUris, Set<String> scopes) {
        return new OAuthClientRegistration(null, clientId, clientSecret, name, redirectUris, scopes, false);
    }

    public static OAuthClientRegistration dataCenter(String instance, String clientId, String clientSecret,
            String name, List<String> redirectUris, String scope) {
        Objects.requireNonNull(instance, "instance");
        return new OAuthClientRegistration(instance, clientId, clientSecret, name, redirectUris,
                Set.of(DcScope.parse(scope).name()), false);
    }

    public OAuthClientRegistration coveringAllSites() {
        return new OAuthClientRegistration(dcInstance, clientId, clientSecret, name, redirectUris, scopes, true);
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
                + ", name=" + name + ", redirectUris=" + redirectUris + ", scopes=" + scopes + "]";
    }
}
