package io.testbridge.http.routes;

import static io.testbridge.http.Html.escape;

/**
 * The page Jira's redirect lands on. It shows the verification code (or what went wrong and what
 * to do) and nothing else: no tokens, and the code only to the browser that started the flow.
 */
final class CallbackPage {
    private CallbackPage() {
    }

    static String success(String verificationCode, String instanceName, long minutesValid) {
        return page("Copy your verification code", """
                <p>Jira accepted the connection to <strong>%s</strong>.</p>
                <p>Copy this code, return to Testbridge and paste it in <strong>Step 2</strong>:</p>
                <div class="code-row">
                  <output id="verification-code" data-verification-code="%s" aria-label="Verification code">%s</output>
                  <button type="button" id="copy-code" data-copy="%s">Copy</button>
                </div>
                <p class="hint">The code works once, only for you, for %d minutes. You can close this tab afterwards.</p>
                """.formatted(escape(instanceName), escape(verificationCode), escape(verificationCode), escape(verificationCode), minutesValid));
    }

    /** @param endedFlow marks the failure for callback.js to tell the Testbridge tab that started the flow */
    static String failure(String title, String explanation, boolean endedFlow) {
        return page(title, "<p role=\"alert\"" + (endedFlow ? " data-callback-failure" : "") + ">" + escape(explanation) + "</p>\n"
                + "<p class=\"hint\">" + (endedFlow ? "Return to Testbridge and start again."
                        : "Return to Testbridge: paste the code if you copied it, or start again.") + "</p>\n");
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>%s · Testbridge</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/oauth/callback.css">
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s</main>
                <script src="/oauth/callback.js"></script>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }

}
