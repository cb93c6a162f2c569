package io.testbridge.testcases;

import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The automated cases of a project, found or created by their identifiers in one transaction:
 * new ones go to the folder "Automated", READY, labelled "automated", with no steps, and every one
 * is pinned at its current version (a cycle is about to run it). Statements take
 * {@value #CHUNK} identifiers at a time, as arrays, so 50,000 tests are a few dozen round trips.
 */
final class AutomatedCases {
    static final String FOLDER = "Automated";
    static final String LABEL = "automated";
    private static final int CHUNK = 10_000;

    private final Pool pool;
    private final Clock clock;
    private final FolderService folders;
    private final Directory directory;

    AutomatedCases(Pool pool, Clock clock, FolderService folders, Directory directory) {
        this.pool = pool;
        this.clock = clock;
        this.folders = folders;
        this.directory = directory;
    }

    /** The case of each test, in the order given (identifiers must be distinct), pinned at its current version. */
    Future<AutomatedCaseSet> findOrCreate(long projectId, List<AutomatedTest> tests, Actor actor) {
        if (tests.isEmpty()) {
            return Future.succeededFuture(new AutomatedCaseSet(List.of(), 0));
        }
        return directory.projectKey(projectId).compose(projectKey -> pool.withTransaction(tx -> existing(tx, projectId, tests)
                .compose(found -> pin(tx, found).compose(pinned -> {
                    List<AutomatedTest> missing = tests.stream().filter(test -> !found.containsKey(test.identifier()))
                            .sorted(java.util.Comparator.comparing(AutomatedTest::identifier)).toList();
                    Future<Integer> created = missing.isEmpty() ? Future.succeededFuture(0) : create(tx, projectId, missing, actor, found);
                    return created.compose(count -> {
                        // an identifier another import created meanwhile was skipped by the insert: read it now (and pin it)
                        List<AutomatedTest> unseen = missing.stream().filter(test -> !found.containsKey(test.identifier())).toList();
                        return unseen.isEmpty() ? Future.succeededFuture(count)
                                : existing(tx, projectId, unseen).compose(late -> pin(tx, late).map(done -> {
                                    found.putAll(late);
                                    return count;
                                }));
                    }).map(count -> {
                        List<PinnedCase> ordered = new ArrayList<>(tests.size());
                        for (AutomatedTest test : tests) {
                            Row row = found.get(test.identifier());
                            ordered.add(new PinnedCase(row.getLong("id"), Directory.caseKey(projectKey, row.getInteger("number")),
                                    row.getString("title"), row.getInteger("version"), row.getInteger("step_count")));
                        }
                        return new AutomatedCaseSet(ordered, count);
                    });
                }))));
    }

    private static Future<Map<String, Row>> existing(SqlClient tx, long projectId, List<AutomatedTest> tests) {
        Map<String, Row> found = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < tests.size(); from += CHUNK) {
            String[] ids = tests.subList(from, Math.min(tests.size(), from + CHUNK)).stream().map(AutomatedTest::identifier).toArray(String[]::new);
            chain = chain.compose(done -> tx.preparedQuery("""
                            SELECT id, automation_id, number, title, version, jsonb_array_length(steps) AS step_count
                              FROM test_cases WHERE project_id = $1 AND automation_id = ANY ($2)""")
                    .execute(Tuple.tuple().addLong(projectId).addArrayOfString(ids))
                    .map(rows -> {
                        rows.forEach(row -> found.put(row.getString("automation_id"), row));
                        return null;
                    }));
        }
        return chain.map(found);
    }

    /**
     * New cases, numbered from the project's counter (taken first: concurrent imports of one
     * project queue there, so they never deadlock on each other's new identifiers); an identifier
     * another import created meanwhile is skipped (its number stays unused: keys are never reused).
     */
    private Future<Integer> create(SqlClient tx, long projectId, List<AutomatedTest> missing, Actor actor, Map<String, Row> found) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return tx.preparedQuery("""
                        INSERT INTO case_counters (project_id, last_number) VALUES ($1, $2)
                        ON CONFLICT (project_id) DO UPDATE SET last_number = case_counters.last_number + $2 RETURNING last_number""")
                .execute(Tuple.of(projectId, missing.size()))
                .compose(rows -> folders.ensurePath(tx, projectId, FOLDER).compose(folderId -> {
                    int first = rows.iterator().next().getInteger(0) - missing.size() + 1;
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (int from = 0; from < missing.size(); from += CHUNK) {
                        List<AutomatedTest> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                        int firstNumber = first + from;
                        chain = chain.compose(count -> tx.preparedQuery("""
                                        WITH added AS (
                                            INSERT INTO test_cases (project_id, number, folder_id, title, status, labels, automation_id,
                                                                    created_by, updated_by, created_at, updated_at)
                                            SELECT $1, $2 + t.ord - 1, $3, t.title, 'READY', ARRAY['automated'], t.automation_id, $4, $4, $5, $5
                                              FROM unnest($6::text[], $7::text[]) WITH ORDINALITY AS t (automation_id, title, ord)
                                            ON CONFLICT (project_id, automation_id) WHERE automation_id IS NOT NULL DO NOTHING
                                            RETURNING id, automation_id, number, title, version, folder_id, created_at),
                                        versions AS (
                                            INSERT INTO test_case_versions (case_id, version, snapshot, changes, author_id, author_name, created_at, saved_at, pinned)
                                            SELECT id, 1, jsonb_build_object('title', title, 'precondition', '', 'steps', '[]'::jsonb, 'priority', 'MEDIUM',
                                                       'status', 'READY', 'labels', jsonb_build_array('automated'), 'components', '[]'::jsonb,
                                                       'ownerId', NULL, 'estimateMinutes', NULL, 'folderId', folder_id),
                                                   ARRAY['created by an automation import'], $4, $8, created_at, created_at, true
                                              FROM added)
                                        SELECT id, automation_id, number, title, version, 0 AS step_count FROM added""")
                                .execute(Tuple.tuple().addLong(projectId).addInteger(firstNumber).addLong(folderId).addValue(actor.userId())
                                        .addOffsetDateTime(now)
                                        .addArrayOfString(chunk.stream().map(AutomatedTest::identifier).toArray(String[]::new))
                                        .addArrayOfString(chunk.stream().map(test -> title(test.title())).toArray(String[]::new))
                                        .addString(actor.name()))
                                .map(inserted -> {
                                    inserted.forEach(row -> found.put(row.getString("automation_id"), row));
                                    return count + inserted.rowCount();
                                }));
                    }
                    return chain;
                }));
    }

    /** Pins the current version of each existing case (new ones are created pinned). */
    private static Future<Void> pin(SqlClient tx, Map<String, Row> cases) {
        if (cases.isEmpty()) {
            return Future.succeededFuture();
        }
        Long[] ids = cases.values().stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        return tx.preparedQuery("""
                        UPDATE test_case_versions v SET pinned = true FROM test_cases c
                         WHERE c.id = ANY ($1) AND v.case_id = c.id AND v.version = c.version AND NOT v.pinned""")
                .execute(Tuple.tuple().addArrayOfLong(ids)).mapEmpty();
    }

    /** A case title fits the repository's limit; the identifier keeps the whole name. */
    static String title(String title) {
        String stripped = title.strip();
        return stripped.length() <= CaseService.MAX_TITLE ? stripped : stripped.substring(0, CaseService.MAX_TITLE - 1) + "…";
    }
}
