package io.testbridge.cycles;

import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The cycles door's implementation, on the module verticle's context. */
final class CyclesService implements Cycles {
    private final CycleService cycles;
    private final ExecutionService executions;
    private final DefectService defects;
    private final AttachmentService attachments;
    private final ResultRecorder results;

    CyclesService(CycleService cycles, ExecutionService executions, DefectService defects, AttachmentService attachments, ResultRecorder results) {
        this.results = results;
        this.cycles = cycles;
        this.executions = executions;
        this.defects = defects;
        this.attachments = attachments;
    }

    @Override
    public Future<JsonArray> listCycles(long projectId) {
        return cycles.list(projectId);
    }

    @Override
    public Future<JsonObject> createCycle(long projectId, CycleInput input, Actor actor) {
        return cycles.create(projectId, input, actor);
    }

    @Override
    public Future<JsonObject> cycle(long cycleId) {
        return cycles.get(cycleId);
    }

    @Override
    public Future<JsonObject> updateCycle(long cycleId, JsonObject patch) {
        return cycles.update(cycleId, patch);
    }

    @Override
    public Future<JsonObject> copyCycle(long cycleId, CycleInput input, boolean onlyUnfinished, Actor actor) {
        return cycles.copy(cycleId, input, onlyUnfinished, actor);
    }

    @Override
    public Future<JsonObject> cycleCases(long cycleId, RunStatus status, Long assigneeId) {
        return cycles.cases(cycleId, status, assigneeId);
    }

    @Override
    public Future<JsonObject> addCasesToCycle(long cycleId, CasesToAdd cases, Actor actor) {
        return cycles.addCases(cycleId, cases, actor);
    }

    @Override
    public Future<Integer> assignCycleCases(long cycleId, List<Long> cycleCaseIds, Long assigneeId) {
        return cycles.assign(cycleId, cycleCaseIds, assigneeId);
    }

    @Override
    public Future<Void> removeCycleCase(long cycleId, long cycleCaseId) {
        return cycles.remove(cycleId, cycleCaseId);
    }

    @Override
    public Future<JsonObject> latestAttempt(long cycleId, long cycleCaseId, long viewerId) {
        return executions.latest(cycleId, cycleCaseId).compose(detail -> withEvidence(cycleId, detail, viewerId));
    }

    @Override
    public Future<JsonObject> attempt(long cycleId, long executionId, long viewerId) {
        return executions.detail(cycleId, executionId).compose(detail -> withEvidence(cycleId, detail, viewerId));
    }

    /** The attempt with its attachments (under each step) and its defects. */
    private Future<JsonObject> withEvidence(long cycleId, JsonObject detail, long viewerId) {
        long executionId = detail.getLong("id");
        return Future.all(attachments.ofAttempt(executionId), defects.ofAttempt(cycleId, executionId, viewerId)).map(all -> {
            JsonArray files = all.resultAt(0);
            detail.getJsonArray("steps").forEach(step -> {
                JsonObject json = (JsonObject) step;
                JsonArray own = new JsonArray();
                files.forEach(file -> {
                    if (((JsonObject) file).getString("stepId").equalsIgnoreCase(json.getString("id"))) {
                        own.add(file);
                    }
                });
                json.put("attachments", own);
            });
            return detail.put("defects", all.<JsonArray>resultAt(1));
        });
    }

    @Override
    public Future<JsonObject> recordStep(long cycleId, long executionId, String stepId, StepResult result, Actor actor) {
        return executions.recordStep(cycleId, executionId, stepId, result, actor);
    }

    @Override
    public Future<JsonObject> setAttemptStatus(long cycleId, long executionId, RunStatus status, Actor actor) {
        return executions.setStatus(cycleId, executionId, status, actor);
    }

    @Override
    public Future<JsonObject> rerunCase(long cycleId, long cycleCaseId, long viewerId) {
        return executions.rerun(cycleId, cycleCaseId).compose(detail -> withEvidence(cycleId, detail, viewerId));
    }

    @Override
    public Future<JsonObject> pullLatestVersion(long cycleId, long cycleCaseId, long viewerId) {
        return executions.pullLatestVersion(cycleId, cycleCaseId).compose(detail -> withEvidence(cycleId, detail, viewerId));
    }

    @Override
    public Future<JsonObject> defectDraft(long cycleId, long executionId, String stepId) {
        return defects.draft(cycleId, executionId, stepId);
    }

    @Override
    public Future<JsonObject> linkDefect(long cycleId, long executionId, String stepId, long instanceId, String key, long userId) {
        return defects.link(cycleId, executionId, stepId, instanceId, key, userId);
    }

    @Override
    public Future<Void> unlinkDefect(long cycleId, long defectId) {
        return defects.unlink(cycleId, defectId);
    }

    @Override
    public Future<JsonObject> sendEvidenceToDefect(long cycleId, long defectId, long userId) {
        return defects.sendEvidence(cycleId, defectId, userId);
    }

    @Override
    public Future<JsonArray> cycleDefects(long cycleId, long viewerId) {
        return defects.ofCycle(cycleId, viewerId);
    }

    @Override
    public Future<ImportAnswer> earlierResultImport(long projectId, String idempotencyKey, String uploadSha256) {
        return results.earlier(projectId, idempotencyKey, uploadSha256);
    }

    @Override
    public Future<ImportAnswer> recordResults(ResultRun run) {
        return results.record(run);
    }

    @Override
    public Future<JsonObject> addAttachment(long cycleId, long executionId, String stepId, String filename, Buffer data, Actor actor) {
        return attachments.add(cycleId, executionId, stepId, filename, data, actor);
    }

    @Override
    public Future<Attachment> attachment(long attachmentId) {
        return attachments.get(attachmentId);
    }

    @Override
    public Future<Void> deleteAttachment(long attachmentId) {
        return attachments.delete(attachmentId);
    }
}
