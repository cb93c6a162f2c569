package io.testbridge.http.routes;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.BatchStream;
import io.testbridge.http.Requests;
import io.testbridge.testcases.BulkEdit;
import io.testbridge.testcases.CaseContent;
import io.testbridge.testcases.CaseQuery;
import io.testbridge.testcases.CaseSave;
import io.testbridge.testcases.CaseStatus;
import io.testbridge.testcases.Folder;
import io.testbridge.testcases.ImportReport;
import io.testbridge.testcases.Priority;
import io.testbridge.testcases.TestCases;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test-case repository's endpoints: folders, cases, their versions, bulk changes, CSV files, and suites. */
public final class TestCasesRoutes implements ApiModule {
    private static final int EXPORT_BATCH = 200;

    private final TestCases testCases;
    private final TestManagement testManagement;

    public TestCasesRoutes(TestCases testCases, TestManagement testManagement) {
        this.testCases = testCases;
        this.testManagement = testManagement;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.ofEntries(
                Map.entry("listFolders", ctx -> ApiResponses.reply(ctx, 200, testCases.folders(id(ctx, "projectId"))
                        .map(folders -> items(new JsonArray(folders.stream().map(Folder::toJson).map(Object.class::cast).toList()))))),
                Map.entry("createFolder", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, testCases.createFolder(id(ctx, "projectId"), body.getLong("parentId"), body.getString("name"))
                            .map(Folder::toJson));
                }),
                Map.entry("updateFolder", this::updateFolder),
                Map.entry("deleteFolder", ctx -> ApiResponses.reply(ctx, 204, testCases.deleteFolder(id(ctx, "folderId")))),
                Map.entry("listCaseLabels", ctx -> ApiResponses.reply(ctx, 200, testCases.caseLabels(id(ctx, "projectId")).map(TestCasesRoutes::items))),
                Map.entry("listCases", ctx -> ApiResponses.reply(ctx, 200, testCases.listCases(query(ctx, List.of(),
                        Requests.queryInt(ctx, "page", 1), Requests.queryInt(ctx, "pageSize", 50))))),
                Map.entry("createCase", ctx -> {
                    // a new case is its author's until given to someone else (an explicit null: nobody's)
                    JsonObject body = Requests.body(ctx);
                    CaseContent content = CaseContent.fromJson(body.containsKey("ownerId") ? body : body.copy().put("ownerId", Requests.actor(ctx).userId()));
                    ApiResponses.reply(ctx, 201, testCases.createCase(id(ctx, "projectId"), content, Requests.actor(ctx)));
                }),
                Map.entry("getCase", ctx -> ApiResponses.reply(ctx, 200, testCases.getCase(id(ctx, "caseId")))),
                Map.entry("saveCase", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    CaseSave save = new CaseSave(body.getLong("revision"), UUID.fromString(body.getString("editSession")), CaseContent.fromJson(body));
                    ApiResponses.reply(ctx, 200, testCases.saveCase(id(ctx, "caseId"), save, Requests.actor(ctx)));
                }),
                Map.entry("listCaseVersions", ctx -> ApiResponses.reply(ctx, 200, testCases.caseVersions(id(ctx, "caseId")).map(TestCasesRoutes::items))),
                Map.entry("getCaseVersion", ctx -> ApiResponses.reply(ctx, 200, testCases.caseVersion(id(ctx, "caseId"), (int) id(ctx, "version")))),
                Map.entry("diffCaseVersions", ctx -> ApiResponses.reply(ctx, 200, testCases.caseDiff(id(ctx, "caseId"), (int) id(ctx, "version"),
                        Requests.queryInt(ctx, "against", 1)))),
                Map.entry("bulkEditCases", this::bulkEdit),
                Map.entry("cloneCases", ctx -> ApiResponses.reply(ctx, 201, testCases.cloneCases(id(ctx, "projectId"), caseIds(ctx), Requests.actor(ctx))
                        .map(TestCasesRoutes::items))),
                Map.entry("archiveCases", ctx -> ApiResponses.reply(ctx, 200, testCases.archiveCases(id(ctx, "projectId"), caseIds(ctx), Requests.actor(ctx))
                        .map(TestCasesRoutes::count))),
                Map.entry("restoreCases", ctx -> ApiResponses.reply(ctx, 200, testCases.restoreCases(id(ctx, "projectId"), caseIds(ctx), Requests.actor(ctx))
                        .map(TestCasesRoutes::count))),
                Map.entry("importCases", this::importCases),
                Map.entry("exportCases", this::exportCases),
                Map.entry("getCaseTemplate", ctx -> testCases.csvTemplate().onSuccess(template -> csvHeaders(ctx, "test-case-template.csv").end(template))
                        .onFailure(ctx::fail)),
                Map.entry("listSuites", ctx -> ApiResponses.reply(ctx, 200, testCases.listSuites(id(ctx, "projectId")).map(TestCasesRoutes::items))),
                Map.entry("createSuite", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, testCases.createSuite(id(ctx, "projectId"), Requests.text(body, "name"), body.getString("description")));
                }),
                Map.entry("getSuite", ctx -> ApiResponses.reply(ctx, 200, testCases.suite(id(ctx, "suiteId"), Requests.principal(ctx).userId()))),
                Map.entry("createTestCase", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    ApiResponses.reply(ctx, 201, testCases.addNewCaseToSuite(id(ctx, "suiteId"), Requests.text(body, "title"), body.getString("steps"),
                            Requests.actor(ctx)));
                }),
                Map.entry("addSuiteCases", ctx -> ApiResponses.reply(ctx, 200, testCases.addCasesToSuite(id(ctx, "suiteId"), caseIds(ctx))
                        .map(TestCasesRoutes::items))),
                Map.entry("reorderSuiteCases", ctx -> ApiResponses.reply(ctx, 200, testCases.reorderSuite(id(ctx, "suiteId"), caseIds(ctx))
                        .map(TestCasesRoutes::items))),
                Map.entry("removeSuiteCase", ctx -> ApiResponses.reply(ctx, 204, testCases.removeCaseFromSuite(id(ctx, "suiteId"), id(ctx, "caseId")))),
                Map.entry("linkIssues", ctx -> {
                    JsonObject body = Requests.body(ctx);
                    List<String> keys = new ArrayList<>();
                    body.getJsonArray("keys").forEach(key -> keys.add(String.valueOf(key)));
                    ApiResponses.reply(ctx, 200, testCases.linkIssues(id(ctx, "suiteId"), body.getLong("instanceId"), keys, Requests.principal(ctx).userId())
                            .map(TestCasesRoutes::items));
                }),
                Map.entry("unlinkIssue", ctx -> ApiResponses.reply(ctx, 204, testCases.unlinkIssue(id(ctx, "suiteId"), id(ctx, "instanceId"),
                        Requests.pathString(ctx, "issueKey")))));
    }

    private void updateFolder(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        long folderId = id(ctx, "folderId");
        var renamed = body.containsKey("name") ? testCases.renameFolder(folderId, body.getString("name")) : null;
        var result = body.containsKey("parentId")
                ? (renamed == null ? testCases.moveFolder(folderId, body.getLong("parentId"))
                        : renamed.compose(done -> testCases.moveFolder(folderId, body.getLong("parentId"))))
                : renamed;
        ApiResponses.reply(ctx, 200, result.map(Folder::toJson));
    }

    private void bulkEdit(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        BulkEdit edit = new BulkEdit(longs(body.getJsonArray("caseIds")),
                body.getString("status") == null ? null : CaseStatus.valueOf(body.getString("status")),
                body.getString("priority") == null ? null : Priority.valueOf(body.getString("priority")),
                strings(body.getJsonArray("addLabels")), strings(body.getJsonArray("removeLabels")),
                body.getLong("ownerId"), body.containsKey("ownerId") && body.getValue("ownerId") == null,
                body.getLong("folderId"), body.containsKey("folderId") && body.getValue("folderId") == null);
        ApiResponses.reply(ctx, 200, testCases.bulkEditCases(id(ctx, "projectId"), edit, Requests.actor(ctx)).map(TestCasesRoutes::count));
    }

    private void importCases(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        boolean dryRun = body.getBoolean("dryRun", false);
        ApiResponses.reply(ctx, 200, testCases.importCases(id(ctx, "projectId"), body.getString("csv"), dryRun, Requests.actor(ctx))
                .compose(report -> dryRun || report.imported() ? io.vertx.core.Future.succeededFuture(report.toJson())
                        : io.vertx.core.Future.failedFuture(new ImportRefused(report))));
    }

    /** The cases in batches, each asked for once the client has taken the last: bounded memory whatever the size. */
    private void exportCases(RoutingContext ctx) {
        String ids = Requests.queryString(ctx, "ids", null);
        List<Long> selection = new ArrayList<>();
        if (ids != null) {
            for (String id : ids.split(",")) {
                selection.add(Long.parseLong(id));
            }
        }
        CaseQuery query = query(ctx, selection, 1, EXPORT_BATCH);
        testManagement.project(query.projectId()).onSuccess(project -> {
            csvHeaders(ctx, project.getString("key") + "-test-cases-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
            BatchStream.write(ctx, 0, after -> testCases.exportCases(query, after, EXPORT_BATCH)
                    .map(batch -> new BatchStream.Batch<>(batch.text(), batch.nextAfter())));
        }).onFailure(ctx::fail);
    }

    private static HttpServerResponse csvHeaders(RoutingContext ctx, String filename) {
        return ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static CaseQuery query(RoutingContext ctx, List<Long> ids, int page, int pageSize) {
        String status = Requests.queryString(ctx, "status", null);
        String priority = Requests.queryString(ctx, "priority", null);
        return new CaseQuery(id(ctx, "projectId"), Requests.queryString(ctx, "q", null), Requests.queryLong(ctx, "folderId"),
                Requests.queryBoolean(ctx, "subfolders", true), Requests.queryBoolean(ctx, "unfiled", false), Requests.queryString(ctx, "label", null),
                status == null ? null : CaseStatus.valueOf(status), priority == null ? null : Priority.valueOf(priority),
                Requests.queryLong(ctx, "ownerId"), Requests.queryBoolean(ctx, "archived", false), ids, Requests.queryString(ctx, "sort", "key"),
                page, pageSize);
    }

    private static List<Long> caseIds(RoutingContext ctx) {
        return longs(Requests.body(ctx).getJsonArray("caseIds"));
    }

    private static List<Long> longs(JsonArray array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(((Number) value).longValue()));
        return values;
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(String.valueOf(value)));
        }
        return values;
    }

    private static long id(RoutingContext ctx, String name) {
        return Requests.pathLong(ctx, name);
    }

    private static JsonObject items(JsonArray items) {
        return new JsonObject().put("items", items);
    }

    private static JsonObject count(int updated) {
        return new JsonObject().put("updated", updated);
    }

    /** A file with problems imports nothing: a 400 that lists each, by row and column. */
    private static final class ImportRefused extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient ImportReport report;

        ImportRefused(ImportReport report) {
            super(ErrorCode.INVALID_REQUEST, problemsSentence(report), "csv");
            this.report = report;
        }

        private static String problemsSentence(ImportReport report) {
            ImportReport.Problem first = report.problems().get(0);
            return (report.problems().size() == 1 ? "The file has a problem" : "The file has " + report.problems().size() + " problems")
                    + "; nothing was imported. First: row " + first.row() + (first.column() == null ? "" : ", column " + first.column())
                    + ": " + first.message();
        }

        @Override
        public JsonObject details() {
            return new JsonObject().put("problems", report.toJson().getJsonArray("problems"));
        }
    }
}
