package io.testbridge.jirasim;

import java.util.Locale;

/** Failures the simulator can inject in front of any simulated host. */
public enum FaultKind {
    /** Delay the response (the request is then answered normally unless another fault applies). */
    LATENCY,
    /** 429 Too Many Requests with Retry-After in seconds. */
    RATE_LIMIT,
    /** A 5xx answer with a JSON body. */
    SERVER_ERROR,
    /** A text/html error page, as a reverse proxy in front of Jira would send. */
    HTML_ERROR_PAGE,
    /** The TCP connection is reset without any HTTP response. */
    CONNECTION_RESET,
    /**
     * Jira does the work (an issue is created), then the connection is reset instead of the answer:
     * what a client sees when a proxy times out or the network drops while Jira finishes.
     */
    ANSWER_LOST;

    /** The name used by the HTTP control API, e.g. "rate-limit". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-').replace("-page", "");
    }

    public static FaultKind fromWireName(String name) {
        for (FaultKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault kind: " + name);
    }
}
