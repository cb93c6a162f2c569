package io.testbridge.jira;

import io.testbridge.errors.Failure;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A Jira base URL in canonical form: lower-case scheme and host, no default port, no trailing
 * slash, no query, fragment or credentials. Two spellings of one instance normalise to the same text.
 */
public record JiraUrl(String scheme, String host, int port, String path) {

    public static JiraUrl parse(String field, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw Failure.invalid(field, "This is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Failure.invalid(field, "Use an http:// or https:// URL, like https://your-site.atlassian.net.");
        }
        if (uri.getRawUserInfo() != null) {
            throw Failure.invalid(field, "Leave user names and passwords out of the URL.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw Failure.invalid(field, "The URL needs a host name.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw Failure.invalid(field, "Give the base URL of Jira, without ?query or #fragment.");
        }
        String host;
        try {
            host = IDN.toASCII(uri.getHost(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw Failure.invalid(field, "The host name is not valid.");
        }
        int port = uri.getPort();
        if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
            port = -1;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+", "/");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new JiraUrl(scheme, host, port, path);
    }

    public boolean isHttps() {
        return scheme.equals("https");
    }

    /** Loopback by name or literal address; plain http is always allowed there, for development. */
    public boolean isLoopback() {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        String literal = hostName();
        if (!literal.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The host as a name resolver and TLS take it: an IPv6 literal without its brackets. */
    public String hostName() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int effectivePort() {
        return port > 0 ? port : (isHttps() ? 443 : 80);
    }

    /** The URL of a path below this base, e.g. {@code resolve("/rest/api/2/serverInfo")}. */
    public String resolve(String subPath) {
        return this + subPath;
    }

    /**
     * RFC 3986 percent-encoding of everything but the unreserved characters (UTF-8), for one path
     * segment or one query name or value: a {@code /}, {@code ..}-segment, {@code ?} or {@code #}
     * in a value stays inside it.
     */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~'
                    || (c == '.' && !value.matches("\\.{1,2}"))) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port > 0 ? ":" + port : "") + path;
    }
}
