package io.testbridge.automation;

import io.testbridge.bus.Doors;
import io.testbridge.cycles.Cycles;
import io.testbridge.testcases.TestCases;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Automation results imported from CI: serves {@link Automation}; its only state is how many imports run now (at most 2 a node). */
public final class AutomationVerticle extends VerticleBase {
    private final TestManagement testManagement;
    private final TestCases testCases;
    private final Cycles cycles;

    public AutomationVerticle(TestManagement testManagement, TestCases testCases, Cycles cycles) {
        this.testManagement = testManagement;
        this.testCases = testCases;
        this.cycles = cycles;
    }

    @Override
    public Future<?> start() {
        return Doors.serve(vertx, Automation.class, new AutomationService(vertx, testManagement, testCases, cycles, ReportLimits.DEFAULT));
    }
}
