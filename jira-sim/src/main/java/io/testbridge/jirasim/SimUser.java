package io.testbridge.jirasim;

import java.util.Objects;

/**
 * A person who can sign in to the simulated Atlassian account (Cloud) and to every simulated Data
 * Center instance. Cloud identifies them by {@code accountId}; Data Center by {@code username}
 * (Jira's {@code name}) and {@code key}.
 */
public record SimUser(String accountId, String username, String displayName, String emailAddress) {

    public SimUser {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(emailAddress, "emailAddress");
    }

    /** Data Center user key; Jira assigns JIRAUSERnnnnn to new users, the username is good enough here. */
    public String key() {
        return username;
    }

    /** True when this user is meant by {@code idOrName}: account id, username or e-mail. */
    public boolean isKnownAs(String idOrName) {
        return accountId.equals(idOrName) || username.equalsIgnoreCase(idOrName)
                || emailAddress.equalsIgnoreCase(idOrName);
    }
}
