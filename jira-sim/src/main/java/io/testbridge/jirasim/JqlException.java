package io.testbridge.jirasim;

/** A JQL query Jira would reject (or the simulator does not support); the message is shown to the client. */
final class JqlException extends Exception {

    JqlException(String message) {
        super(message, null, false, false);
    }
}
