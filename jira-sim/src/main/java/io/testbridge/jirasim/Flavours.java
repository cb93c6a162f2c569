package io.testbridge.jirasim;

/** Which simulated host a path belongs to, for fault targeting and logs. */
final class Flavours {

    private Flavours() {
    }

    static String of(String path) {
        if (path.startsWith("/cloud/auth/") || path.equals("/cloud/auth")) {
            return "cloud-auth";
        }
        if (path.startsWith("/cloud/api/")) {
            return "cloud-api";
        }
        if (path.startsWith("/cloud/sites/")) {
            return "cloud-site";
        }
        if (path.startsWith("/dc/")) {
            int end = path.indexOf('/', 4);
            return "dc-" + (end < 0 ? path.substring(4) : path.substring(4, end));
        }
        if (path.startsWith("/_control")) {
            return "control";
        }
        return "other";
    }

    /** Token and authorization endpoints answer errors in OAuth's shape, REST in Jira's. */
    static boolean isOAuthEndpoint(String path) {
        return path.startsWith("/cloud/auth/") || path.contains("/rest/oauth2/");
    }
}
