package io.testbridge.automation;

import io.testbridge.cycles.AutomatedResult;
import io.testbridge.cycles.Cycles;
import io.testbridge.cycles.ImportAnswer;
import io.testbridge.cycles.ResultRun;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.testcases.AutomatedCaseSet;
import io.testbridge.testcases.AutomatedTest;
import io.testbridge.testcases.PinnedCase;
import io.testbridge.testcases.TestCases;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An import, step by step, no step inside another's transaction: an earlier upload with the same
 * key answers at once; the reports are read on a worker thread (blocking file reads and parsing);
 * the testcases module finds or creates the cases (its transaction); the cycles module records the
 * results with the idempotency record (its transaction). At most {@value #MAX_IMPORTS} imports run at
 * once on a node (each may hold up to 16 M characters of details while it reads): another is
 * answered 429 with Retry-After. The count is this verticle's state, kept on its event loop.
 */
final class AutomationService implements Automation {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationService.class);

    private final Vertx vertx;
    private final TestManagement testManagement;
    private final TestCases testCases;
    private final Cycles cycles;
    private final ReportLimits limits;
    static final int MAX_IMPORTS = 2;
    static final int RETRY_SECONDS = 10;
    private int running;

    AutomationService(Vertx vertx, TestManagement testManagement, TestCases testCases, Cycles cycles, ReportLimits limits) {
        this.vertx = vertx;
        this.testManagement = testManagement;
        this.testCases = testCases;
        this.cycles = cycles;
        this.limits = limits;
    }

    @Override
    public Future<ImportAnswer> importResults(ResultUpload upload) {
        if (running >= MAX_IMPORTS) {
            return Future.failedFuture(new Failure(ErrorCode.TOO_MANY_REQUESTS, "This server is already importing " + MAX_IMPORTS
                    + " uploads of results, the most it reads at once; send this one again in " + RETRY_SECONDS + " seconds.", null,
                    Duration.ofSeconds(RETRY_SECONDS)));
        }
        running++;
        return testManagement.project(upload.projectId())
                .compose(project -> cycles.earlierResultImport(upload.projectId(), upload.idempotencyKey(), upload.uploadSha256()))
                .compose(earlier -> earlier != null ? Future.succeededFuture(earlier) : requireCycle(upload).compose(ok -> readAndRecord(upload)))
                .onComplete(done -> running--);
    }

    /** The cycle to append to is the project's (asked before any case is made for the results: nothing is half-imported). */
    private Future<Void> requireCycle(ResultUpload upload) {
        if (upload.cycleId() == null) {
            return Future.succeededFuture();
        }
        Failure noSuchCycle = Failure.invalid("cycleId", "This project has no test cycle " + upload.cycleId() + ".");
        return cycles.cycle(upload.cycleId())
                .recover(error -> Future.failedFuture(error instanceof Failure failure && failure.code() == ErrorCode.NOT_FOUND
                        ? noSuchCycle : error))
                .compose(cycle -> cycle.getLong("projectId") == upload.projectId() ? Future.<Void>succeededFuture() : Future.failedFuture(noSuchCycle));
    }

    private Future<ImportAnswer> readAndRecord(ResultUpload upload) {
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> read(upload), false).compose(read -> {
            List<AutomatedTest> tests = read.tests().stream().map(test -> new AutomatedTest(test.identifier(), test.title())).toList();
            long parsed = System.nanoTime();
            return testCases.automatedCases(upload.projectId(), tests, upload.actor()).compose(cases -> {
                long matched = System.nanoTime();
                return cycles.recordResults(run(upload, read, cases)).onSuccess(answer -> LOG.info(
                        "event=results_imported project={} tests={} new_cases={} replayed={} parse_ms={} cases_ms={} record_ms={}",
                        upload.projectId(), tests.size(), cases.created(), answer.replayed(), (parsed - started) / 1_000_000,
                        (matched - parsed) / 1_000_000, (System.nanoTime() - matched) / 1_000_000));
            });
        });
    }

    private Reports.Read read(ResultUpload upload) {
        try {
            return Reports.read(upload.files(), limits);
        } catch (ReportProblem problem) {
            throw Failure.invalid(problem.file(), problem.describe());
        }
    }

    private static ResultRun run(ResultUpload upload, Reports.Read read, AutomatedCaseSet cases) {
        List<AutomatedResult> results = new ArrayList<>(read.tests().size());
        for (int i = 0; i < read.tests().size(); i++) {
            ParsedTest test = read.tests().get(i);
            PinnedCase testCase = cases.cases().get(i);
            results.add(new AutomatedResult(testCase, test.outcome(), test.durationMs(), test.failureType(), test.failureMessage(),
                    test.stackTrace(), test.systemOut(), test.systemErr()));
        }
        JsonObject report = new JsonObject().put("files", read.files()).put("newCases", cases.created());
        return new ResultRun(upload.projectId(), upload.cycleId(), upload.cycleName(), upload.build(), upload.environment(),
                upload.idempotencyKey(), upload.uploadSha256(), results, report, upload.actor());
    }
}
