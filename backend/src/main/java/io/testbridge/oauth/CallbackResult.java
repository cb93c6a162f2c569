package io.testbridge.oauth;

/**
 * What the callback page shows: the verification code (only to the browser that started the flow),
 * or what went wrong. {@link #toString()} never shows the code.
 */
public record CallbackResult(boolean succeeded, boolean endedFlow, String title, String message, String verificationCode,
                             String instanceName, long codeMinutesValid) {
    /** This flow is over: the page tells the waiting Testbridge tab, which offers a new start. */
    static CallbackResult failed(String title, String message) {
        return new CallbackResult(false, true, title, message, null, null, 0);
    }

    /** A reloaded or foreign link: no flow of this browser ended here (a code shown before still works). */
    static CallbackResult stale(String title, String message) {
        return new CallbackResult(false, false, title, message, null, null, 0);
    }

    @Override
    public String toString() {
        return "CallbackResult[" + (succeeded ? "succeeded" : title) + "]";
    }
}
