package io.testbridge.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which way of sending the client secret each token endpoint took, per client (in memory: after a
 * restart the first token request finds it again, at the cost of one refused request).
 * RFC 6749 §2.3.1: every server must accept HTTP Basic; the body ({@code client_secret_post}), which
 * both Atlassian servers take, is optional for a server to support.
 */
public final class ClientAuthentications {
    private static final int MAX_REMEMBERED = 1024;

    /** How the client id and secret travel to the token endpoint. */
    enum Method {
        /** {@code client_secret_post}: in the form body. */
        SECRET_IN_BODY,
        /** {@code client_secret_basic}: an {@code Authorization: Basic} header. */
        HTTP_BASIC
    }

    private final Map<String, Method> worked = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Method> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** The method to try first: the one that worked last, else the body (what Jira documents). */
    synchronized Method preferred(String tokenUrl, String clientId) {
        return worked.getOrDefault(key(tokenUrl, clientId), Method.SECRET_IN_BODY);
    }

    synchronized void worked(String tokenUrl, String clientId, Method method) {
        worked.put(key(tokenUrl, clientId), method);
    }

    private static String key(String tokenUrl, String clientId) {
        return tokenUrl + "\n" + clientId;
    }
}
