package io.testbridge.jirasim;

import java.util.List;
import java.util.Set;

/**
 * A project of one simulated Jira; every project offers the issue types of {@link FieldCatalog}.
 * {@code browseOnly} names who may see the project but lacks Jira's "Create Issues" and "Assignable
 * User" permissions in it.
 */
record JiraProject(String id, String key, String name, List<Component> components, BrowseOnly browseOnly) {

    JiraProject(String id, String key, String name, List<Component> components) {
        this(id, key, name, components, BrowseOnly.NOBODY);
    }

    record Component(String id, String name) {
    }

    /** The people who may only browse: everyone, or these usernames. */
    record BrowseOnly(boolean everyone, Set<String> usernames) {

        static final BrowseOnly NOBODY = new BrowseOnly(false, Set.of());
        static final BrowseOnly EVERYONE = new BrowseOnly(true, Set.of());

        static BrowseOnly users(Set<String> usernames) {
            return new BrowseOnly(false, Set.copyOf(usernames));
        }

        boolean includes(SimUser user) {
            return everyone || usernames.stream().anyMatch(user.username()::equalsIgnoreCase);
        }
    }

    boolean canCreateIssues(SimUser user) {
        return !browseOnly.includes(user);
    }

    boolean isAssignable(SimUser user) {
        return !browseOnly.includes(user);
    }
}
