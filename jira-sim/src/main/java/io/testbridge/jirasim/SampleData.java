package io.testbridge.jirasim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Seeds every simulated Jira with the same projects and a handful of issues (enough to page): TB and
 * OPS, where {@value #BROWSE_ONLY_IN_TB} may only browse TB, and ARC, which everyone may browse and
 * nobody may create issues in (what Cloud's {@code project/search?action=create} leaves out).
 */
final class SampleData {

    static final String BROWSE_ONLY_IN_TB = "carol";

    private SampleData() {
    }

    static void seed(JiraData data, Instant now, List<SimUser> users) {
        JiraProject demo = new JiraProject("10000", "TB", "Testbridge Demo", List.of(
                new JiraProject.Component("10000", "Backend"), new JiraProject.Component("10001", "Frontend")),
                JiraProject.BrowseOnly.users(java.util.Set.of(BROWSE_ONLY_IN_TB)));
        JiraProject ops = new JiraProject("10001", "OPS", "Operations", List.of(
                new JiraProject.Component("10002", "Infrastructure")));
        data.addProject(demo);
        data.addProject(ops);
        data.addProject(new JiraProject("10002", "ARC", "Archive", List.of(), JiraProject.BrowseOnly.EVERYONE));
        String[][] demoIssues = {
            {"Bug", "Login fails when the SSO session expired", "Users see a blank page after the IdP redirect."},
            {"Task", "Export test cycle results as CSV", "Include status, tester and duration."},
            {"Story", "As a tester I can link Jira issues to a test suite", "Link by key or by JQL search."},
            {"Bug", "Search returns archived test cases", "Archived cases should be hidden by default."},
            {"Task", "Upgrade the CI runners", "Move to the new base image."},
            {"Story", "As an admin I can connect Jira with OAuth 2.0", "Cloud and Data Center."},
            {"Bug", "Attachment upload times out for large files", "Files over 20 MB fail after 30 s."},
        };
        Instant created = now.minus(Duration.ofDays(30));
        for (int i = 0; i < demoIssues.length; i++) {
            add(data, demo, demoIssues[i], created.plus(Duration.ofHours(i)), users, i);
        }
        add(data, ops, new String[] {"Task", "Rotate the database credentials", "Quarterly rotation."},
                created, users, 0);
        add(data, ops, new String[] {"Bug", "Disk usage alert on build agents", "Agents fill up overnight."},
                created.plus(Duration.ofHours(1)), users, 1);
    }

    private static void add(JiraData data, JiraProject project, String[] row, Instant created, List<SimUser> users,
            int index) {
        FieldCatalog.IssueType type = FieldCatalog.issueType(row[0]).orElseThrow();
        JiraIssue issue = data.newIssue(project, type, created);
        issue.summary = row[1];
        issue.description = row[2];
        issue.status = FieldCatalog.Status.values()[index % 3];
        issue.assigneeAccountId = users.isEmpty() || index % 4 == 3 ? null : users.get(index % users.size()).accountId();
        issue.priorityId = FieldCatalog.PRIORITIES.get(1 + index % 3).id();
        if (type.requiresBugFields()) {
            issue.customFields.put(FieldCatalog.SEVERITY_FIELD, FieldCatalog.SEVERITIES.get(index % 3));
            issue.customFields.put(FieldCatalog.FOUND_IN_BUILD_FIELD, "2024.1." + index);
            issue.customFields.put(FieldCatalog.STEPS_TO_REPRODUCE_FIELD, "1. Sign in.\n2. Wait a minute.");
        }
    }
}
