package io.testbridge.jira;

import io.netty.handler.codec.DecoderException;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;

import javax.net.ssl.SSLException;
import java.net.ConnectException;

/**
 * A call to Jira that got no usable answer, with a short reason in our words. The reason never
 * quotes what the other side sent (a hostile or confused server's bytes would end up in messages
 * and logs); a broken answer is named, not shown.
 */
public final class JiraCallFailed extends Failure {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Nothing answered: unknown host, refused connection, TLS failure, connection closed. */
        UNREACHABLE,
        /** The guard or the URL ruled the call out. */
        REFUSED,
        /** The deadline of the whole call passed. */
        TOO_SLOW,
        /** The answer passed the size cap. */
        TOO_LARGE
    }

    private final Reason reason;
    private final String detail;

    JiraCallFailed(Reason reason, String detail) {
        this(reason, detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail, true);
    }

    private JiraCallFailed(Reason reason, String detail, boolean trimmed) {
        super(reason == Reason.TOO_LARGE || reason == Reason.REFUSED ? ErrorCode.JIRA_ERROR : ErrorCode.JIRA_UNAVAILABLE,
                "Jira did not give a usable answer: " + detail + ".");
        this.reason = reason;
        this.detail = detail;
    }

    /** A transport failure from the HTTP stack, named by its kind only. */
    static JiraCallFailed of(Throwable failure) {
        String detail;
        if (failure instanceof ConnectException) {
            detail = "the connection was refused or timed out";
        } else if (failure instanceof SSLException || failure.getCause() instanceof SSLException) {
            detail = "the TLS handshake failed (check the certificate)";
        } else if (failure instanceof DecoderException || failure instanceof IllegalArgumentException) {
            detail = "it answered something that is not valid HTTP";
        } else if (failure instanceof io.vertx.core.http.HttpClosedException || failure instanceof java.io.IOException) {
            detail = "the connection closed before the answer was complete";
        } else {
            detail = "the connection failed (" + failure.getClass().getSimpleName() + ")";
        }
        return new JiraCallFailed(Reason.UNREACHABLE, detail);
    }

    public Reason reason() {
        return reason;
    }

    /** The reason in a few words, to put after "Could not reach Acme: ". */
    public String detail() {
        return detail;
    }
}
