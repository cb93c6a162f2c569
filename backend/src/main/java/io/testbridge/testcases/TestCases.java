package io.testbridge.testcases;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The test-case repository's door: per project, folders and versioned cases with structured steps,
 * bulk changes, CSV files, and suites (ordered collections of cases with linked Jira issues). It
 * owns the tables case_folders, case_counters, test_cases, test_case_versions, suites,
 * suite_cases and suite_links.
 */
@Door(value = EventAddresses.TESTCASES, timeoutSeconds = 30)
public interface TestCases {
    Future<List<Folder>> folders(long projectId);

    Future<Folder> createFolder(long projectId, Long parentId, String name);

    Future<Folder> renameFolder(long folderId, String name);

    /** Moves a folder under another of the same project (null: to the top level). */
    Future<Folder> moveFolder(long folderId, Long parentId);

    /** Deletes a folder; its cases and subfolders move up to its parent. */
    Future<Void> deleteFolder(long folderId);

    /** One page of the cases the query finds, with the total. */
    Future<JsonObject> listCases(CaseQuery query);

    /** The labels the project's active cases carry, each with how many cases carry it, by name. */
    Future<JsonArray> caseLabels(long projectId);

    Future<JsonObject> createCase(long projectId, CaseContent content, Actor actor);

    Future<JsonObject> getCase(long caseId);

    /** Saves a case from its editor; fails with edit_conflict (and the case as it is) when someone saved it since. */
    Future<JsonObject> saveCase(long caseId, CaseSave save, Actor actor);

    /** The versions of a case, newest first: who, when, what changed. */
    Future<JsonArray> caseVersions(long caseId);

    Future<JsonObject> caseVersion(long caseId, int version);

    /** What changed from version {@code against} to {@code version}, field by field and step by step. */
    Future<JsonObject> caseDiff(long caseId, int version, int against);

    /** One change to many cases; each changed case gets a version. Answers how many changed. */
    Future<Integer> bulkEditCases(long projectId, BulkEdit edit, Actor actor);

    Future<JsonArray> cloneCases(long projectId, List<Long> caseIds, Actor actor);

    Future<Integer> archiveCases(long projectId, List<Long> caseIds, Actor actor);

    Future<Integer> restoreCases(long projectId, List<Long> caseIds, Actor actor);

    /** Checks a CSV file of cases ({@code dryRun}) or imports it, all or nothing. */
    @Door.Timeout(seconds = 120)
    Future<ImportReport> importCases(long projectId, String csv, boolean dryRun, Actor actor);

    /** The next part of a CSV export: the cases after number {@code after} (0: from the start, with the header). */
    Future<CaseCsvBatch> exportCases(CaseQuery query, int after, int limit);

    /** The CSV template: the columns and two example cases. */
    Future<String> csvTemplate();

    /** Pins the current version of each case (a cycle runs it, so it never changes again); in the order asked. */
    Future<List<PinnedCase>> pinCurrentVersions(long projectId, List<Long> caseIds);

    /**
     * The automated case of each test (by identifier, unique per project), created where new in the
     * folder "Automated", each pinned at its current version; in the order asked (identifiers distinct).
     */
    @Door.Timeout(seconds = 300)
    Future<AutomatedCaseSet> automatedCases(long projectId, List<AutomatedTest> tests, Actor actor);

    /** The ids of every case a query finds, at most {@code limit}, in key order. */
    Future<List<Long>> caseIds(CaseQuery query, int limit);

    /** A case's content at a version (what a cycle runs). */
    Future<CaseContent> caseContent(long caseId, int version);

    /** A suite's project, and its cases in order. */
    Future<SuiteCaseIds> suiteCaseIds(long suiteId);

    Future<JsonArray> listSuites(long projectId);

    Future<JsonObject> createSuite(long projectId, String name, String description);

    /** A suite with its cases in order, and its Jira links refreshed as the viewer. */
    @Door.Timeout(seconds = 120)
    Future<JsonObject> suite(long suiteId, long userId);

    /** A new case (a step per line of {@code steps}) added at the end of the suite. */
    Future<JsonObject> addNewCaseToSuite(long suiteId, String title, String steps, Actor actor);

    /** Adds cases of the suite's project at its end; answers the suite's cases. */
    Future<JsonArray> addCasesToSuite(long suiteId, List<Long> caseIds);

    Future<Void> removeCaseFromSuite(long suiteId, long caseId);

    /** Puts the suite's cases in this order; answers them. */
    Future<JsonArray> reorderSuite(long suiteId, List<Long> caseIds);

    /** Links Jira issues, read as the user (a key Jira does not know is refused, naming it). */
    @Door.Timeout(seconds = 120)
    Future<JsonArray> linkIssues(long suiteId, long instanceId, List<String> keys, long userId);

    Future<Void> unlinkIssue(long suiteId, long instanceId, String issueKey);
}
