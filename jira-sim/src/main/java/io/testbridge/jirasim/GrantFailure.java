package io.testbridge.jirasim;

/** Why a token request was refused; each endpoint maps these to its own server's error shape. */
final class GrantFailure extends Exception {

    enum Reason {
        CODE_UNKNOWN, CODE_REDEEMED, CODE_EXPIRED, CODE_OTHER_CLIENT, REDIRECT_URI_MISMATCH, REDIRECT_URI_MISSING,
        PKCE_MISMATCH,
        REFRESH_UNKNOWN, REFRESH_OTHER_CLIENT, REFRESH_REDIRECT_URI_MISMATCH, REFRESH_REVOKED, REFRESH_EXPIRED, REFRESH_REUSED
    }

    final Reason reason;

    GrantFailure(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
