package io.testbridge.jirasim;

import java.util.Objects;

/** A Jira Cloud site, standing for https://{name}.atlassian.net, with its cloud id. */
public record CloudSite(String name, String cloudId) {

    public CloudSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cloudId, "cloudId");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("site name must be a lower-case host label: " + name);
        }
    }
}
