package io.testbridge.cycles;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The cycles module's door: test cycles (cases pinned to a version, assignees, copies for the next
 * build, progress), their execution step by step with attempts, the Jira defects raised from failed
 * steps, and evidence. It owns the tables test_cycles, cycle_cases, executions, step_results,
 * execution_defects, step_attachments and defect_evidence.
 */
@Door(value = EventAddresses.CYCLES, timeoutSeconds = 30)
public interface Cycles {
    /** The project's cycles, newest first, each with its progress by status. */
    Future<JsonArray> listCycles(long projectId);

    Future<JsonObject> createCycle(long projectId, CycleInput input, Actor actor);

    Future<JsonObject> cycle(long cycleId);

    /** Changes the fields present in {@code patch}: name, description, build, environment, plannedStart, plannedEnd. */
    Future<JsonObject> updateCycle(long cycleId, JsonObject patch);

    /** A new cycle with the same cases (all, or those not passed), each at its newest version, and the same assignees. */
    Future<JsonObject> copyCycle(long cycleId, CycleInput input, boolean onlyUnfinished, Actor actor);

    /** The cycle's cases in order (optionally of one status, or one assignee; 0: nobody's), with the progress. */
    Future<JsonObject> cycleCases(long cycleId, RunStatus status, Long assigneeId);

    /** Adds cases, each pinned to its current version; answers how many were added, and how many were in the cycle already. */
    Future<JsonObject> addCasesToCycle(long cycleId, CasesToAdd cases, Actor actor);

    /** Gives cases of the cycle to a person (null: to nobody); answers how many. */
    Future<Integer> assignCycleCases(long cycleId, List<Long> cycleCaseIds, Long assigneeId);

    /** Takes a case out of the cycle; refused once it has results. */
    Future<Void> removeCycleCase(long cycleId, long cycleCaseId);

    /** The latest attempt at a case of the cycle, in full (steps, results, evidence, defects, other attempts). */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> latestAttempt(long cycleId, long cycleCaseId, long viewerId);

    /** One attempt in full. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> attempt(long cycleId, long executionId, long viewerId);

    /** Records a step's result in the latest attempt; answers the attempt's status. */
    Future<JsonObject> recordStep(long cycleId, long executionId, String stepId, StepResult result, Actor actor);

    /** Sets an attempt's status by hand ({@code status} null: back to what its steps say). */
    Future<JsonObject> setAttemptStatus(long cycleId, long executionId, RunStatus status, Actor actor);

    /** Runs a case again: a new attempt, the earlier ones kept. */
    Future<JsonObject> rerunCase(long cycleId, long cycleCaseId, long viewerId);

    /** Runs the case's newest version from now on. */
    Future<JsonObject> pullLatestVersion(long cycleId, long cycleCaseId, long viewerId);

    /** What a defect raised from this failed step says: summary and description. */
    Future<JsonObject> defectDraft(long cycleId, long executionId, String stepId);

    /** Links a Jira issue (raised now or found) to an attempt and step, read as the user; Jira links back to the attempt. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> linkDefect(long cycleId, long executionId, String stepId, long instanceId, String key, long userId);

    Future<Void> unlinkDefect(long cycleId, long defectId);

    /**
     * Attaches the evidence of the defect's step (of its whole attempt when it is linked to no step)
     * to the Jira issue, as the user; files already attached there are not sent again.
     */
    @Door.Timeout(seconds = 300)
    Future<JsonObject> sendEvidenceToDefect(long cycleId, long defectId, long userId);

    /** The cycle's defects with their live status (refreshed as the viewer). */
    @Door.Timeout(seconds = 120)
    Future<JsonArray> cycleDefects(long cycleId, long viewerId);

    /**
     * The answer of an earlier upload of results to the project with this idempotency key, or null;
     * fails with a conflict naming the key when that upload was a different one.
     */
    Future<ImportAnswer> earlierResultImport(long projectId, String idempotencyKey, String uploadSha256);

    /**
     * Records an upload of automated results in one transaction (all or nothing): a new attempt per
     * test in the cycle named, with its outcome, duration, failure and trend, and the open defects
     * of tests that keep failing carried over. A second upload with the same key answers the first's.
     */
    @Door.Timeout(seconds = 300)
    Future<ImportAnswer> recordResults(ResultRun run);

    Future<JsonObject> addAttachment(long cycleId, long executionId, String stepId, String filename, Buffer data, Actor actor);

    Future<Attachment> attachment(long attachmentId);

    Future<Void> deleteAttachment(long attachmentId);
}
