package io.testbridge.identity;

/** A token just created, with the one copy of its secret its owner will ever see. */
public record CreatedApiToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "CreatedApiToken[" + token.id() + ", secret redacted]";
    }
}
