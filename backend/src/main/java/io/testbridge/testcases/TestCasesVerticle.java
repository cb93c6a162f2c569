package io.testbridge.testcases;

import io.testbridge.bus.Doors;
import io.testbridge.identity.Identity;
import io.testbridge.integrations.Integrations;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraIssues;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The test-case repository: serves {@link TestCases}, and keeps the projects' keys it has read. */
public final class TestCasesVerticle extends VerticleBase {
    private final Pool pool;
    private final Clock clock;
    private final TestManagement testManagement;
    private final Identity identity;
    private final Integrations integrations;
    private final JiraClient jira;

    public TestCasesVerticle(Pool pool, Clock clock, TestManagement testManagement, Identity identity, Integrations integrations, JiraClient jira) {
        this.pool = pool;
        this.clock = clock;
        this.testManagement = testManagement;
        this.identity = identity;
        this.integrations = integrations;
        this.jira = jira;
    }

    @Override
    public Future<?> start() {
        Directory directory = new Directory(testManagement, identity);
        FolderService folders = new FolderService(pool);
        CaseService cases = new CaseService(pool, clock, folders, directory);
        SuiteService suites = new SuiteService(pool, clock, directory, cases, integrations, new JiraIssues(jira));
        return Doors.serve(vertx, TestCases.class, new TestCasesService(directory, folders, cases, new CaseHistory(pool, directory),
                new CaseFiles(vertx, pool, cases, folders, directory), suites,
                new AutomatedCases(pool, clock, folders, directory)));
    }
}
