package io.testbridge.testcases;

import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The repository door's implementation, on the module verticle's context. */
final class TestCasesService implements TestCases {
    private final FolderService folders;
    private final CaseService cases;
    private final CaseHistory history;
    private final CaseFiles files;
    private final SuiteService suites;
    private final Directory directory;
    private final AutomatedCases automated;

    TestCasesService(Directory directory, FolderService folders, CaseService cases, CaseHistory history, CaseFiles files, SuiteService suites,
                     AutomatedCases automated) {
        this.automated = automated;
        this.directory = directory;
        this.folders = folders;
        this.cases = cases;
        this.history = history;
        this.files = files;
        this.suites = suites;
    }

    @Override
    public Future<List<Folder>> folders(long projectId) {
        return inProject(projectId, () -> folders.list(projectId));
    }

    @Override
    public Future<Folder> createFolder(long projectId, Long parentId, String name) {
        return inProject(projectId, () -> folders.create(projectId, parentId, name));
    }

    @Override
    public Future<Folder> renameFolder(long folderId, String name) {
        return folders.rename(folderId, name);
    }

    @Override
    public Future<Folder> moveFolder(long folderId, Long parentId) {
        return folders.move(folderId, parentId);
    }

    @Override
    public Future<Void> deleteFolder(long folderId) {
        return folders.delete(folderId);
    }

    @Override
    public Future<JsonObject> listCases(CaseQuery query) {
        return cases.list(query);
    }

    @Override
    public Future<JsonArray> caseLabels(long projectId) {
        return cases.labels(projectId);
    }

    @Override
    public Future<JsonObject> createCase(long projectId, CaseContent content, Actor actor) {
        return cases.create(projectId, content, actor);
    }

    @Override
    public Future<JsonObject> getCase(long caseId) {
        return cases.get(caseId);
    }

    @Override
    public Future<JsonObject> saveCase(long caseId, CaseSave save, Actor actor) {
        return cases.save(caseId, save, actor);
    }

    @Override
    public Future<JsonArray> caseVersions(long caseId) {
        return history.versions(caseId);
    }

    @Override
    public Future<JsonObject> caseVersion(long caseId, int version) {
        return history.version(caseId, version);
    }

    @Override
    public Future<JsonObject> caseDiff(long caseId, int version, int against) {
        return history.diff(caseId, version, against);
    }

    @Override
    public Future<Integer> bulkEditCases(long projectId, BulkEdit edit, Actor actor) {
        return inProject(projectId, () -> cases.bulkEdit(projectId, edit, actor));
    }

    @Override
    public Future<JsonArray> cloneCases(long projectId, List<Long> caseIds, Actor actor) {
        return cases.cloneCases(projectId, caseIds, actor);
    }

    @Override
    public Future<Integer> archiveCases(long projectId, List<Long> caseIds, Actor actor) {
        return inProject(projectId, () -> cases.setArchived(projectId, caseIds, true, actor));
    }

    @Override
    public Future<Integer> restoreCases(long projectId, List<Long> caseIds, Actor actor) {
        return inProject(projectId, () -> cases.setArchived(projectId, caseIds, false, actor));
    }

    @Override
    public Future<ImportReport> importCases(long projectId, String csv, boolean dryRun, Actor actor) {
        return files.importCsv(projectId, csv, dryRun, actor);
    }

    @Override
    public Future<CaseCsvBatch> exportCases(CaseQuery query, int after, int limit) {
        return files.exportBatch(query, after, limit);
    }

    @Override
    public Future<String> csvTemplate() {
        return Future.succeededFuture(CaseCsv.TEMPLATE);
    }

    @Override
    public Future<AutomatedCaseSet> automatedCases(long projectId, List<AutomatedTest> tests, Actor actor) {
        return automated.findOrCreate(projectId, tests, actor);
    }

    @Override
    public Future<List<PinnedCase>> pinCurrentVersions(long projectId, List<Long> caseIds) {
        return cases.pinCurrentVersions(projectId, caseIds);
    }

    @Override
    public Future<List<Long>> caseIds(CaseQuery query, int limit) {
        return cases.ids(query, limit);
    }

    @Override
    public Future<CaseContent> caseContent(long caseId, int version) {
        return history.content(caseId, version);
    }

    @Override
    public Future<SuiteCaseIds> suiteCaseIds(long suiteId) {
        return suites.caseIds(suiteId);
    }

    @Override
    public Future<JsonArray> listSuites(long projectId) {
        return suites.list(projectId);
    }

    @Override
    public Future<JsonObject> createSuite(long projectId, String name, String description) {
        return suites.create(projectId, name, description);
    }

    @Override
    public Future<JsonObject> suite(long suiteId, long userId) {
        return suites.detail(suiteId, userId);
    }

    @Override
    public Future<JsonObject> addNewCaseToSuite(long suiteId, String title, String steps, Actor actor) {
        return suites.addNewCase(suiteId, title, steps, actor);
    }

    @Override
    public Future<JsonArray> addCasesToSuite(long suiteId, List<Long> caseIds) {
        return suites.addMembers(suiteId, caseIds);
    }

    @Override
    public Future<Void> removeCaseFromSuite(long suiteId, long caseId) {
        return suites.removeMember(suiteId, caseId);
    }

    @Override
    public Future<JsonArray> reorderSuite(long suiteId, List<Long> caseIds) {
        return suites.reorder(suiteId, caseIds);
    }

    @Override
    public Future<JsonArray> linkIssues(long suiteId, long instanceId, List<String> keys, long userId) {
        return suites.link(suiteId, instanceId, keys, userId);
    }

    @Override
    public Future<Void> unlinkIssue(long suiteId, long instanceId, String issueKey) {
        return suites.unlink(suiteId, instanceId, issueKey);
    }

    /** The work, for a project that exists (else: not found, naming it). */
    private <T> Future<T> inProject(long projectId, java.util.function.Supplier<Future<T>> work) {
        return directory.projectKey(projectId).compose(key -> work.get());
    }
}
