package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** A parsed query of the supported JQL subset: AND-ed conditions and an ordering. */
final class JqlQuery {

    final List<Predicate<JiraIssue>> conditions = new ArrayList<>();
    /** Values Jira could not resolve, reported instead of failing (validateQuery=warn). */
    final List<String> warnings = new ArrayList<>();
    Comparator<JiraIssue> order = Comparator.comparingLong(issue -> Long.parseLong(issue.id));

    boolean isBounded() {
        return !conditions.isEmpty();
    }

    List<JiraIssue> run(JiraData data) {
        return data.liveIssues().stream().filter(issue -> conditions.stream().allMatch(c -> c.test(issue)))
                .sorted(order).toList();
    }

    static Comparator<JiraIssue> byKey() {
        return Comparator.<JiraIssue, String>comparing(issue -> issue.project.key())
                .thenComparingInt(JiraIssue::number);
    }

    static Comparator<JiraIssue> byCreated() {
        return Comparator.<JiraIssue, java.time.Instant>comparing(issue -> issue.created)
                .thenComparingLong(issue -> Long.parseLong(issue.id));
    }
}
