package io.testbridge.cycles;

import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.identity.Identity;
import io.testbridge.integrations.Integrations;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraIssues;
import io.testbridge.testcases.TestCases;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/** Test cycles and their execution: serves {@link Cycles}, and keeps the pinned case versions it has read. */
public final class CyclesVerticle extends VerticleBase {
    private final Pool pool;
    private final AppConfig config;
    private final Clock clock;
    private final TestCases testCases;
    private final TestManagement testManagement;
    private final Identity identity;
    private final Integrations integrations;
    private final JiraClient jira;
    private final Supplier<URI> publicUrl;

    public CyclesVerticle(Pool pool, AppConfig config, Clock clock, TestCases testCases, TestManagement testManagement, Identity identity,
                          Integrations integrations, JiraClient jira, Supplier<URI> publicUrl) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.testCases = testCases;
        this.testManagement = testManagement;
        this.identity = identity;
        this.integrations = integrations;
        this.jira = jira;
        this.publicUrl = publicUrl;
    }

    @Override
    public Future<?> start() {
        CycleService cycles = new CycleService(pool, clock, testCases, testManagement, identity);
        ExecutionService executions = new ExecutionService(pool, cycles, testCases);
        DefectService defects = new DefectService(pool, clock, cycles, executions, integrations, new JiraIssues(jira), publicUrl);
        AttachmentService attachments = new AttachmentService(pool, executions, config.attachmentMaxBytes());
        return Doors.serve(vertx, Cycles.class, new CyclesService(cycles, executions, defects, attachments, new ResultRecorder(pool)));
    }
}
