package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Jira Data Center / Server instance with the version its serverInfo reports. The OAuth 2.0
 * provider only exists from Jira 8.22 on, so older instances answer 404 on /rest/oauth2/...
 * {@code serverInfoAccess} BEHIND_LOGIN: serverInfo answers 401 without a bearer token, like an
 * instance behind SSO or with REST API lock-down. {@code enforcesHttps}: the OAuth 2.0 provider as
 * Jira ships it, with the system properties
 * {@code atlassian.oauth2.provider.skip.redirect.url.https.requirement} and
 * {@code atlassian.oauth2.provider.skip.base.url.https.requirement} left false, so an http:// redirect
 * URL cannot be registered and an http:// Jira cannot authorize; without it (the simulator's
 * default, as its URLs are http) the instance behaves like a test Jira with both set to true.
 */
public record DcInstance(String name, String version, String deploymentType, String buildNumber,
        String serverTitle, ServerInfoAccess serverInfoAccess, boolean enforcesHttps) {

    public DcInstance(String name, String version, String deploymentType, String buildNumber, String serverTitle,
            ServerInfoAccess serverInfoAccess) {
        this(name, version, deploymentType, buildNumber, serverTitle, serverInfoAccess, false);
    }

    /** Who may read {@code /rest/api/2/serverInfo}. */
    public enum ServerInfoAccess { ANONYMOUS, BEHIND_LOGIN }

    public DcInstance(String name, String version, String deploymentType, String buildNumber, String serverTitle) {
        this(name, version, deploymentType, buildNumber, serverTitle, ServerInfoAccess.ANONYMOUS);
    }

    public DcInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("instance name must be a path segment: " + name);
        }
        if (!version.matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException("version must look like 9.12.0: " + version);
        }
        deploymentType = deploymentType == null ? "Server" : deploymentType;
        serverTitle = serverTitle == null ? "Jira " + name : serverTitle;
        buildNumber = buildNumber == null ? defaultBuildNumber(version) : buildNumber;
        serverInfoAccess = serverInfoAccess == null ? ServerInfoAccess.ANONYMOUS : serverInfoAccess;
    }

    public static DcInstance of(String name, String version) {
        return new DcInstance(name, version, null, null, null);
    }

    /** The same instance with serverInfo refused (401) to callers without a bearer token. */
    public DcInstance withServerInfoBehindLogin() {
        return new DcInstance(name, version, deploymentType, buildNumber, serverTitle, ServerInfoAccess.BEHIND_LOGIN, enforcesHttps);
    }

    /** The same instance with Jira's default HTTPS requirement for redirect URLs and its base URL. */
    public DcInstance enforcingHttps() {
        return new DcInstance(name, version, deploymentType, buildNumber, serverTitle, serverInfoAccess, true);
    }

    public List<Integer> versionNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (String part : version.split("\\.")) {
            numbers.add(Integer.parseInt(part));
        }
        while (numbers.size() < 3) {
            numbers.add(0);
        }
        return numbers;
    }

    /** Jira 8.22 introduced the OAuth 2.0 provider (incoming application links). */
    public boolean hasOAuthProvider() {
        List<Integer> v = versionNumbers();
        return v.get(0) > 8 || (v.get(0) == 8 && v.get(1) >= 22);
    }

    private static String defaultBuildNumber(String version) {
        List<Integer> v = new DcInstance("x", version, "Server", "0", "x").versionNumbers();
        return String.valueOf(v.get(0) * 100000 + v.get(1) * 1000 + v.get(2));
    }
}
