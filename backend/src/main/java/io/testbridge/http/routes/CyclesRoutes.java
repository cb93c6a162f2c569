package io.testbridge.http.routes;

import io.testbridge.cycles.CasesToAdd;
import io.testbridge.cycles.CycleInput;
import io.testbridge.cycles.Cycles;
import io.testbridge.cycles.RunStatus;
import io.testbridge.cycles.StepResult;
import io.testbridge.cycles.StepStatus;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.testcases.CaseQuery;
import io.testbridge.testcases.CaseStatus;
import io.testbridge.testcases.Priority;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test cycles: planning, the cases in them, running them step by step, defects and evidence. */
public final class CyclesRoutes implements ApiModule {
    private final Cycles cycles;

    public CyclesRoutes(Cycles cycles) {
        this.cycles = cycles;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.ofEntries(
                Map.entry("listCycles", ctx -> ApiResponses.reply(ctx, 200, cycles.listCycles(id(ctx, "projectId")).map(CyclesRoutes::items))),
                Map.entry("createCycle", ctx -> ApiResponses.reply(ctx, 201, cycles.createCycle(id(ctx, "projectId"),
                        CycleInput.fromJson(Requests.body(ctx), null), Requests.actor(ctx)))),
                Map.entry("getCycle", ctx -> ApiResponses.reply(ctx, 200, cycles.cycle(id(ctx, "cycleId")))),
                Map.entry("updateCycle", ctx -> ApiResponses.reply(ctx, 200, cycles.updateCycle(id(ctx, "cycleId"), Requests.body(ctx)))),
                Map.entry("copyCycle", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, cycles.copyCycle(id(ctx, "cycleId"), CycleInput.fromJson(body, null),
                            "unfinished".equals(body.getString("cases")), Requests.actor(ctx)));
                }),
                Map.entry("listCycleCases", ctx -> {
                    String status = Requests.queryString(ctx, "status", null);
                    ApiResponses.reply(ctx, 200, cycles.cycleCases(id(ctx, "cycleId"), status == null ? null : RunStatus.valueOf(status),
                            Requests.queryLong(ctx, "assigneeId")));
                }),
                Map.entry("addCycleCases", this::addCases),
                Map.entry("assignCycleCases", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 200, cycles.assignCycleCases(id(ctx, "cycleId"), longs(body.getJsonArray("cycleCaseIds")), body.getLong("assigneeId"))
                            .map(updated -> new JsonObject().put("updated", updated)));
                }),
                Map.entry("removeCycleCase", ctx -> ApiResponses.reply(ctx, 204, cycles.removeCycleCase(id(ctx, "cycleId"), id(ctx, "cycleCaseId")))),
                Map.entry("getLatestAttempt", ctx -> ApiResponses.reply(ctx, 200, cycles.latestAttempt(id(ctx, "cycleId"), id(ctx, "cycleCaseId"), viewer(ctx)))),
                Map.entry("rerunCycleCase", ctx -> ApiResponses.reply(ctx, 201, cycles.rerunCase(id(ctx, "cycleId"), id(ctx, "cycleCaseId"), viewer(ctx)))),
                Map.entry("pullLatestCaseVersion", ctx -> ApiResponses.reply(ctx, 200,
                        cycles.pullLatestVersion(id(ctx, "cycleId"), id(ctx, "cycleCaseId"), viewer(ctx)))),
                Map.entry("getAttempt", ctx -> ApiResponses.reply(ctx, 200, cycles.attempt(id(ctx, "cycleId"), id(ctx, "executionId"), viewer(ctx)))),
                Map.entry("setAttemptStatus", ctx -> {
                    String status = Requests.body(ctx).getString("status");
                    ApiResponses.reply(ctx, 200, cycles.setAttemptStatus(id(ctx, "cycleId"), id(ctx, "executionId"),
                            status == null ? null : RunStatus.valueOf(status), Requests.actor(ctx)));
                }),
                Map.entry("recordStepResult", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    StepResult result = new StepResult(StepStatus.valueOf(body.getString("status")), body.getString("actual", ""), body.getString("comment", ""));
                    ApiResponses.reply(ctx, 200, cycles.recordStep(id(ctx, "cycleId"), id(ctx, "executionId"), Requests.pathString(ctx, "stepId"),
                            result, Requests.actor(ctx)));
                }),
                Map.entry("addAttachment", ctx -> ApiResponses.reply(ctx, 201, cycles.addAttachment(id(ctx, "cycleId"), id(ctx, "executionId"),
                        Requests.pathString(ctx, "stepId"), Requests.queryString(ctx, "filename", "attachment"), ctx.body().buffer(), Requests.actor(ctx)))),
                Map.entry("getDefectDraft", ctx -> ApiResponses.reply(ctx, 200, cycles.defectDraft(id(ctx, "cycleId"), id(ctx, "executionId"),
                        Requests.queryString(ctx, "stepId", null)))),
                Map.entry("linkDefect", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, cycles.linkDefect(id(ctx, "cycleId"), id(ctx, "executionId"), body.getString("stepId"),
                            body.getLong("instanceId"), body.getString("key"), viewer(ctx)));
                }),
                Map.entry("listCycleDefects", ctx -> ApiResponses.reply(ctx, 200, cycles.cycleDefects(id(ctx, "cycleId"), viewer(ctx)).map(CyclesRoutes::items))),
                Map.entry("unlinkDefect", ctx -> ApiResponses.reply(ctx, 204, cycles.unlinkDefect(id(ctx, "cycleId"), id(ctx, "defectId")))),
                Map.entry("sendEvidenceToDefect", ctx -> ApiResponses.reply(ctx, 200,
                        cycles.sendEvidenceToDefect(id(ctx, "cycleId"), id(ctx, "defectId"), viewer(ctx)))),
                Map.entry("getAttachment", this::download),
                Map.entry("deleteAttachment", ctx -> ApiResponses.reply(ctx, 204, cycles.deleteAttachment(id(ctx, "attachmentId")))));
    }

    private void addCases(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        long cycleId = id(ctx, "cycleId");
        JsonObject filter = body.getJsonObject("filter");
        CasesToAdd cases = new CasesToAdd(body.containsKey("caseIds") ? longs(body.getJsonArray("caseIds")) : List.of(), body.getLong("suiteId"),
                filter == null ? null : new CaseQuery(0, filter.getString("q"), filter.getLong("folderId"), true, false, filter.getString("label"),
                        filter.getString("status") == null ? null : CaseStatus.valueOf(filter.getString("status")),
                        filter.getString("priority") == null ? null : Priority.valueOf(filter.getString("priority")), null, false, List.of(), "key", 1, 1));
        ApiResponses.reply(ctx, 200, cycles.addCasesToCycle(cycleId, cases, Requests.actor(ctx)));
    }

    /**
     * The file as a download, whatever it is: the type sniffed at upload (never HTML), nosniff, and a
     * sandbox that stops anything in it from running if a browser opened it anyway.
     */
    private void download(RoutingContext ctx) {
        cycles.attachment(id(ctx, "attachmentId")).onSuccess(file -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + file.filename().replaceAll("[^A-Za-z0-9._ -]", "_")
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .end(file.data())).onFailure(ctx::fail);
    }

    private static long viewer(RoutingContext ctx) {
        return Requests.principal(ctx).userId();
    }

    private static List<Long> longs(JsonArray array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(((Number) value).longValue()));
        return values;
    }

    private static long id(RoutingContext ctx, String name) {
        return Requests.pathLong(ctx, name);
    }

    private static JsonObject items(JsonArray items) {
        return new JsonObject().put("items", items);
    }
}
