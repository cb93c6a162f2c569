package io.testbridge.testcases;

import io.testbridge.identity.User;
import io.testbridge.shared.Actor;
import io.testbridge.shared.Csv;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cases in and out of CSV files. An import is all or nothing: every problem in the file is named
 * (row and column) and nothing is stored, or every case is created or updated in one transaction.
 * An export is written in batches, so any number of cases takes bounded memory.
 */
final class CaseFiles {
    private final Vertx vertx;
    private final Pool pool;
    private final CaseService cases;
    private final FolderService folders;
    private final Directory directory;

    CaseFiles(Vertx vertx, Pool pool, CaseService cases, FolderService folders, Directory directory) {
        this.vertx = vertx;
        this.pool = pool;
        this.cases = cases;
        this.folders = folders;
        this.directory = directory;
    }

    Future<ImportReport> importCsv(long projectId, String csv, boolean dryRun, Actor actor) {
        return directory.projectKey(projectId)
                // parsing a file of thousands of rows takes a while: off the event loop
                .compose(projectKey -> vertx.executeBlocking(() -> CaseCsv.read(csv, projectKey), false))
                .compose(parsed -> resolve(projectId, parsed).compose(resolved -> {
                    List<ImportReport.Problem> problems = new ArrayList<>(parsed.problems());
                    problems.addAll(resolved.problems);
                    problems.sort(Comparator.comparingInt(ImportReport.Problem::row));
                    int updates = (int) parsed.cases().stream().filter(imported -> imported.number() != null).count();
                    ImportReport report = new ImportReport(false, parsed.rows(), parsed.cases().size() - updates, updates, parsed.steps(), problems);
                    if (!problems.isEmpty() || dryRun) {
                        return Future.succeededFuture(report);
                    }
                    return pool.withTransaction(tx -> write(tx, projectId, parsed, resolved, actor))
                            .map(done -> new ImportReport(true, report.rows(), report.newCases(), report.updatedCases(), report.steps(), List.of()));
                }));
    }

    /** What the database knows of a file's owners and keys. */
    private record Resolved(Map<String, Long> owners, Map<Integer, Long> caseIds, List<ImportReport.Problem> problems) {
    }

    private Future<Resolved> resolve(long projectId, CaseCsv.Parsed parsed) {
        Set<Integer> numbers = new HashSet<>();
        boolean anyOwner = false;
        for (CaseCsv.ImportedCase imported : parsed.cases()) {
            if (imported.number() != null) {
                numbers.add(imported.number());
            }
            anyOwner |= imported.ownerName() != null;
        }
        Future<Map<String, User>> users = anyOwner ? directory.usersByName() : Future.succeededFuture(Map.of());
        Future<Map<Integer, Row>> existing = numbers.isEmpty() ? Future.succeededFuture(Map.of())
                : pool.preparedQuery("SELECT id, number, archived_at FROM test_cases WHERE project_id = $1 AND number = ANY ($2)")
                .execute(Tuple.tuple().addLong(projectId).addArrayOfInteger(numbers.toArray(Integer[]::new)))
                .map(rows -> {
                    Map<Integer, Row> byNumber = new HashMap<>();
                    rows.forEach(row -> byNumber.put(row.getInteger("number"), row));
                    return byNumber;
                });
        return Future.all(users, existing, directory.projectKey(projectId)).map(all -> {
            List<ImportReport.Problem> problems = new ArrayList<>();
            Map<String, Long> owners = new HashMap<>();
            Map<Integer, Long> caseIds = new HashMap<>();
            for (CaseCsv.ImportedCase imported : parsed.cases()) {
                if (imported.ownerName() != null) {
                    User owner = users.result().get(imported.ownerName().toLowerCase(Locale.ROOT));
                    if (owner == null) {
                        problems.add(new ImportReport.Problem(imported.row(), "Owner", "There is no user \"" + imported.ownerName()
                                + "\"; write a username, or leave Owner empty."));
                    } else {
                        owners.put(imported.ownerName().toLowerCase(Locale.ROOT), owner.id());
                    }
                }
                if (imported.number() != null) {
                    Row row = existing.result().get(imported.number());
                    String key = Directory.caseKey(all.resultAt(2), imported.number());
                    if (row == null) {
                        problems.add(new ImportReport.Problem(imported.row(), "Key", "There is no case " + key
                                + " in this project; leave Key empty to create a new case."));
                    } else if (row.getOffsetDateTime("archived_at") != null) {
                        problems.add(new ImportReport.Problem(imported.row(), "Key", key + " is in the archive; restore it before updating it."));
                    } else {
                        caseIds.put(imported.number(), row.getLong("id"));
                    }
                }
            }
            return new Resolved(owners, caseIds, problems);
        });
    }

    private Future<Void> write(SqlClient tx, long projectId, CaseCsv.Parsed parsed, Resolved resolved, Actor actor) {
        Set<String> paths = new LinkedHashSet<>();
        parsed.cases().forEach(imported -> {
            if (imported.folderPath() != null) {
                paths.add(imported.folderPath());
            }
        });
        Map<String, Long> folderIds = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String path : paths) {
            chain = chain.compose(done -> folders.ensurePath(tx, projectId, path).map(id -> {
                folderIds.put(path, id);
                return null;
            }));
        }
        return chain.compose(done -> {
            List<CaseContent> created = new ArrayList<>();
            Map<Long, CaseContent> updated = new HashMap<>();
            for (CaseCsv.ImportedCase imported : parsed.cases()) {
                CaseContent content = imported.content().withOwner(imported.ownerName() == null ? null
                        : resolved.owners().get(imported.ownerName().toLowerCase(Locale.ROOT)));
                content = content.withFolder(imported.folderPath() == null ? null : folderIds.get(imported.folderPath()));
                if (imported.number() == null) {
                    created.add(content);
                } else {
                    updated.put(resolved.caseIds().get(imported.number()), content);
                }
            }
            return cases.insert(tx, projectId, created, List.of("imported"), actor)
                    .compose(ids -> updated.isEmpty() ? Future.succeededFuture(List.<Row>of())
                            : cases.lockAll(tx, projectId, new ArrayList<>(updated.keySet())))
                    .compose(rows -> {
                        Future<Boolean> edits = Future.succeededFuture(true);
                        for (Row row : rows) {
                            CaseContent content = keepingStepIds(CaseService.content(row), updated.get(row.getLong("id")));
                            edits = edits.compose(x -> cases.applyEdit(tx, row, content, null, actor));
                        }
                        return edits.mapEmpty();
                    });
        });
    }

    /** A case's new steps keep the ids of the steps they replace, position by position, so its versions compare step by step. */
    private static CaseContent keepingStepIds(CaseContent current, CaseContent imported) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < imported.steps().size(); i++) {
            Step step = imported.steps().get(i);
            String id = i < current.steps().size() ? current.steps().get(i).id() : step.id();
            steps.add(new Step(id, step.action(), step.data(), step.expected()));
        }
        return new CaseContent(imported.title(), imported.precondition(), steps, imported.priority(), imported.status(), imported.labels(),
                imported.components(), imported.ownerId(), imported.estimateMinutes(), imported.folderId());
    }

    /** The cases after number {@code after} (0: from the first, with the header) that the query finds, at most {@code limit}. */
    Future<CaseCsvBatch> exportBatch(CaseQuery query, int after, int limit) {
        Tuple params = Tuple.tuple();
        String where = query.where(params);
        params.addInteger(after).addInteger(limit);
        Future<String> projectKey = directory.projectKey(query.projectId());
        Future<Map<Long, String>> paths = folders.paths(pool, query.projectId());
        Future<List<Row>> rows = pool.preparedQuery("SELECT c.id, c.number, c.title, c.precondition, c.steps, c.priority, c.status, c.labels, "
                        + "c.components, c.owner_id, c.estimate_minutes, c.folder_id FROM test_cases c" + where
                        + " AND c.number > $" + (params.size() - 1) + " ORDER BY c.number LIMIT $" + params.size())
                .execute(params)
                .map(found -> {
                    List<Row> list = new ArrayList<>();
                    found.forEach(list::add);
                    return list;
                });
        return Future.all(projectKey, paths, rows)
                .compose(all -> directory.usernames(rows.result().stream().map(row -> row.getLong("owner_id")).toList()).map(owners -> {
                    StringBuilder text = new StringBuilder(after == 0 ? Csv.BYTE_ORDER_MARK + Csv.line(CaseCsv.headers()) : "");
                    Integer last = null;
                    for (Row row : rows.result()) {
                        CaseContent content = CaseService.content(row);
                        String key = Directory.caseKey(projectKey.result(), row.getInteger("number"));
                        for (List<String> line : CaseCsv.rows(key, content, paths.result().get(content.folderId()), content.ownerId() == null ? null : owners.get(content.ownerId()))) {
                            text.append(Csv.line(line));
                        }
                        last = row.getInteger("number");
                    }
                    return new CaseCsvBatch(text.toString(), rows.result().size() < limit ? null : last);
                }));
    }
}
