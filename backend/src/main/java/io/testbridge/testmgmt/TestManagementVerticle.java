package io.testbridge.testmgmt;

import io.testbridge.bus.Doors;
import io.testbridge.integrations.Integrations;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraIssues;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/** The test-management module: serves {@link TestManagement}, and owns the single-flight map of issue submissions. */
public final class TestManagementVerticle extends VerticleBase {
    private final Pool pool;
    private final Clock clock;
    private final Integrations integrations;
    private final JiraClient jira;
    private final Duration jiraTimeout;

    public TestManagementVerticle(Pool pool, Clock clock, Integrations integrations, JiraClient jira, Duration jiraTimeout) {
        this.pool = pool;
        this.clock = clock;
        this.integrations = integrations;
        this.jira = jira;
        this.jiraTimeout = jiraTimeout;
    }

    @Override
    public Future<?> start() {
        JiraIssues jiraIssues = new JiraIssues(jira);
        ProjectService projects = new ProjectService(pool);
        IssueService issues = new IssueService(pool, clock, projects, integrations, jira, jiraIssues, jiraTimeout);
        return Doors.serve(vertx, TestManagement.class, new TestManagementService(projects, issues));
    }
}
