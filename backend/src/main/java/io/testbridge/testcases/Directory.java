package io.testbridge.testcases;

import io.testbridge.identity.Identity;
import io.testbridge.identity.User;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the repository needs to know of other modules: a project's key (for case keys; keys never
 * change, so they are kept once read) and people's names. Runs on the module's context only.
 */
final class Directory {
    private final TestManagement testManagement;
    private final Identity identity;
    private final Map<Long, String> projectKeys = new HashMap<>();

    Directory(TestManagement testManagement, Identity identity) {
        this.testManagement = testManagement;
        this.identity = identity;
    }

    /** The project's key; fails as not found when there is no such project. */
    Future<String> projectKey(long projectId) {
        String known = projectKeys.get(projectId);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return testManagement.project(projectId).map(project -> {
            String key = project.getString("key");
            projectKeys.put(projectId, key);
            return key;
        });
    }

    /** The display names of these users (those that exist), by id. */
    Future<Map<Long, String>> names(Collection<Long> userIds) {
        List<Long> ids = userIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return identity.usersById(ids).map(users -> {
            Map<Long, String> names = new HashMap<>();
            users.forEach(user -> names.put(user.id(), user.displayName()));
            return names;
        });
    }

    /** The usernames of these users (those that exist), by id: how a CSV file names owners. */
    Future<Map<Long, String>> usernames(Collection<Long> userIds) {
        List<Long> ids = userIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return identity.usersById(ids).map(users -> {
            Map<Long, String> names = new HashMap<>();
            users.forEach(user -> names.put(user.id(), user.username()));
            return names;
        });
    }

    /** The users with these usernames (case-insensitive), by lower-case username: owners named in a CSV file. */
    Future<Map<String, User>> usersByName() {
        return identity.listUsers().map(users -> {
            Map<String, User> byName = new HashMap<>();
            users.forEach(user -> byName.put(user.username().toLowerCase(java.util.Locale.ROOT), user));
            return byName;
        });
    }

    static String caseKey(String projectKey, int number) {
        return projectKey + "-TC-" + number;
    }
}
