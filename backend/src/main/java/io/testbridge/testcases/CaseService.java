package io.testbridge.testcases;

import io.testbridge.db.SqlErrors;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.shared.Actor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The cases of the repository: listed, read, created, saved (each edit a version; a save from an
 * older revision refused), bulk-edited, cloned, archived and restored. Versions keep the content as
 * it was; an editing session refines its own version rather than adding one per keystroke.
 */
final class CaseService {
    private static final String CONTENT = "c.title, c.precondition, c.steps, c.priority, c.status, c.labels, c.components, "
            + "c.owner_id, c.estimate_minutes, c.folder_id";
    private static final String LIST_COLUMNS = "c.id, c.project_id, c.number, c.title, c.priority, c.status, c.labels, c.components, "
            + "c.owner_id, c.estimate_minutes, c.folder_id, jsonb_array_length(c.steps) AS step_count, c.archived_at, c.version, "
            + "c.updated_at";
    private static final String DETAIL_COLUMNS = "c.id, c.project_id, c.number, " + CONTENT + ", c.archived_at, c.version, c.revision, "
            + "c.created_by, c.created_at, c.updated_by, c.updated_at, c.automation_id";
    static final int MAX_TITLE = 255;

    private final Pool pool;
    private final Clock clock;
    private final FolderService folders;
    private final Directory directory;

    CaseService(Pool pool, Clock clock, FolderService folders, Directory directory) {
        this.pool = pool;
        this.clock = clock;
        this.folders = folders;
        this.directory = directory;
    }

    /** One page of the cases a query finds, with the total, owners' names and keys. */
    Future<JsonArray> labels(long projectId) {
        return directory.projectKey(projectId).compose(known -> pool.preparedQuery("""
                        SELECT label, count(*) AS cases FROM test_cases, unnest(labels) AS label
                         WHERE project_id = $1 AND archived_at IS NULL GROUP BY label ORDER BY lower(label), label""").execute(Tuple.of(projectId)))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(new JsonObject().put("label", row.getString("label")).put("cases", row.getLong("cases"))));
                    return items;
                });
    }

    Future<JsonObject> list(CaseQuery query) {
        return directory.projectKey(query.projectId()).compose(projectKey -> {
            Tuple params = Tuple.tuple();
            String where = query.where(params);
            params.addInteger(query.pageSize()).addLong((long) (query.page() - 1) * query.pageSize());
            return pool.preparedQuery("SELECT " + LIST_COLUMNS + ", count(*) OVER () AS total FROM test_cases c" + where + query.orderBy()
                            + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
                    .execute(params)
                    .compose(rows -> {
                        List<Row> found = new ArrayList<>();
                        rows.forEach(found::add);
                        Future<Long> total = found.isEmpty() && query.page() > 1 ? count(query) : Future.succeededFuture(
                                found.isEmpty() ? 0L : found.get(0).getLong("total"));
                        Set<Long> owners = new HashSet<>();
                        found.forEach(row -> owners.add(row.getLong("owner_id")));
                        return Future.all(total, directory.names(owners)).map(all -> {
                            Map<Long, String> names = all.resultAt(1);
                            JsonArray items = new JsonArray();
                            found.forEach(row -> items.add(summary(row, projectKey, names)));
                            return new JsonObject().put("items", items).put("total", all.<Long>resultAt(0))
                                    .put("page", query.page()).put("pageSize", query.pageSize());
                        });
                    });
        });
    }

    private Future<Long> count(CaseQuery query) {
        Tuple params = Tuple.tuple();
        return pool.preparedQuery("SELECT count(*) FROM test_cases c" + query.where(params)).execute(params)
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A case with everything: content, history position, who made and last changed it, its suites. */
    Future<JsonObject> get(long caseId) {
        return pool.preparedQuery("SELECT " + DETAIL_COLUMNS + " FROM test_cases c WHERE c.id = $1").execute(Tuple.of(caseId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(caseId)) : detail(rows.iterator().next()));
    }

    private Future<JsonObject> detail(Row row) {
        long caseId = row.getLong("id");
        Future<String> projectKey = directory.projectKey(row.getLong("project_id"));
        Future<Map<Long, String>> names = directory.names(java.util.Arrays.asList(row.getLong("owner_id"), row.getLong("created_by"),
                row.getLong("updated_by")));
        Future<JsonArray> suites = pool.preparedQuery("""
                        SELECT s.id, s.name FROM suite_cases sc JOIN suites s ON s.id = sc.suite_id
                         WHERE sc.case_id = $1 ORDER BY lower(s.name), s.id""").execute(Tuple.of(caseId))
                .map(rows -> {
                    JsonArray list = new JsonArray();
                    rows.forEach(suite -> list.add(new JsonObject().put("id", suite.getLong("id")).put("name", suite.getString("name"))));
                    return list;
                });
        return Future.all(projectKey, names, suites).map(all -> {
            Map<Long, String> people = names.result();
            CaseContent content = content(row);
            return content.toJson()
                    .put("id", caseId)
                    .put("projectId", row.getLong("project_id"))
                    .put("key", Directory.caseKey(projectKey.result(), row.getInteger("number")))
                    .put("owner", person(content.ownerId(), people))
                    .put("archived", row.getOffsetDateTime("archived_at") != null)
                    .put("automationId", row.getString("automation_id"))
                    .put("version", row.getInteger("version"))
                    .put("revision", row.getLong("revision"))
                    .put("createdBy", person(row.getLong("created_by"), people))
                    .put("createdAt", instant(row.getOffsetDateTime("created_at")))
                    .put("updatedBy", person(row.getLong("updated_by"), people))
                    .put("updatedAt", instant(row.getOffsetDateTime("updated_at")))
                    .put("suites", suites.result());
        });
    }

    Future<JsonObject> create(long projectId, CaseContent content, Actor actor) {
        return directory.projectKey(projectId)
                .compose(key -> pool.withTransaction(tx -> folders.requireIn(tx, projectId, content.folderId(), "folderId")
                        .compose(ok -> insert(tx, projectId, List.of(content), List.of("created"), actor))))
                .recover(CaseService::unknownOwner)
                .compose(ids -> get(ids.get(0)));
    }

    /**
     * New cases in the caller's transaction, numbered from the project's counter in one step; each
     * gets version 1 with {@code firstChanges} (e.g. "created", "imported").
     */
    Future<List<Long>> insert(SqlClient tx, long projectId, List<CaseContent> contents, List<String> firstChanges, Actor actor) {
        if (contents.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        OffsetDateTime now = now();
        return tx.preparedQuery("""
                        INSERT INTO case_counters (project_id, last_number) VALUES ($1, $2)
                        ON CONFLICT (project_id) DO UPDATE SET last_number = case_counters.last_number + $2 RETURNING last_number""")
                .execute(Tuple.of(projectId, contents.size()))
                .compose(rows -> {
                    int first = rows.iterator().next().getInteger(0) - contents.size() + 1;
                    List<Tuple> batch = new ArrayList<>();
                    for (int i = 0; i < contents.size(); i++) {
                        batch.add(contentTuple(contents.get(i)).addLong(projectId).addInteger(first + i).addValue(actor.userId())
                                .addOffsetDateTime(now));
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO test_cases (title, precondition, steps, priority, status, labels, components, owner_id,
                                                            estimate_minutes, folder_id, project_id, number, created_by, updated_by,
                                                            created_at, updated_at)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $14) RETURNING id""")
                            .executeBatch(batch);
                })
                .compose(inserted -> {
                    List<Long> ids = new ArrayList<>();
                    for (var rows = inserted; rows != null; rows = rows.next()) {
                        ids.add(rows.iterator().next().getLong(0));
                    }
                    List<Tuple> versions = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        versions.add(Tuple.from(new Object[] {ids.get(i), 1, contents.get(i).toJson(), firstChanges.toArray(String[]::new), null,
                                actor.userId(), actor.name(), now, now}));
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO test_case_versions (case_id, version, snapshot, changes, edit_session, author_id, author_name,
                                                                    created_at, saved_at)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""").executeBatch(versions).map(ids);
                });
    }

    /**
     * Saves a case from its editor. A save made from an older revision than the case's is refused
     * with the case as it is now (edit_conflict): nothing is overwritten unknowingly, and the editor
     * keeps what its person typed.
     */
    Future<JsonObject> save(long caseId, CaseSave save, Actor actor) {
        return pool.withTransaction(tx -> lock(tx, caseId).compose(row -> {
                    if (row.getLong("revision") != save.revision()) {
                        return Future.succeededFuture(Boolean.FALSE);
                    }
                    requireActive(row);
                    return folders.requireIn(tx, row.getLong("project_id"), save.content().folderId(), "folderId")
                            .compose(ok -> applyEdit(tx, row, save.content(), save.editSession(), actor))
                            .map(Boolean.TRUE);
                }))
                .recover(CaseService::unknownOwner)
                .compose(saved -> saved ? get(caseId) : get(caseId).compose(current -> Future.failedFuture(new EditConflict(current))));
    }

    /** Applies one change to many cases of a project, each getting a new version; answers how many changed. */
    Future<Integer> bulkEdit(long projectId, BulkEdit edit, Actor actor) {
        return pool.withTransaction(tx -> folders.requireIn(tx, projectId, edit.folderId(), "folderId")
                        .compose(ok -> lockAll(tx, projectId, edit.caseIds()))
                        .compose(rows -> {
                            Future<Integer> chain = Future.succeededFuture(0);
                            for (Row row : rows) {
                                chain = chain.compose(count -> applyEdit(tx, row, edited(content(row), edit), null, actor)
                                        .map(changed -> changed ? count + 1 : count));
                            }
                            return chain;
                        }))
                .recover(CaseService::unknownOwner);
    }

    private static CaseContent edited(CaseContent content, BulkEdit edit) {
        CaseContent result = content;
        if (edit.status() != null) {
            result = result.withStatus(edit.status());
        }
        if (edit.priority() != null) {
            result = new CaseContent(result.title(), result.precondition(), result.steps(), edit.priority(), result.status(), result.labels(),
                    result.components(), result.ownerId(), result.estimateMinutes(), result.folderId());
        }
        if (!edit.addLabels().isEmpty() || !edit.removeLabels().isEmpty()) {
            Set<String> removed = new HashSet<>();
            edit.removeLabels().forEach(label -> removed.add(label.strip().toLowerCase(java.util.Locale.ROOT)));
            List<String> labels = new ArrayList<>(result.labels().stream().filter(label -> !removed.contains(label.toLowerCase(java.util.Locale.ROOT))).toList());
            labels.addAll(edit.addLabels());
            result = result.withLabels(labels);
        }
        if (edit.clearOwner()) {
            result = result.withOwner(null);
        } else if (edit.ownerId() != null) {
            result = result.withOwner(edit.ownerId());
        }
        if (edit.toTopLevel()) {
            result = result.withFolder(null);
        } else if (edit.folderId() != null) {
            result = result.withFolder(edit.folderId());
        }
        return result;
    }

    /** Copies of cases: new keys, "Copy of …", Draft, their own step ids; the copy's history starts with where it came from. */
    Future<JsonArray> cloneCases(long projectId, List<Long> caseIds, Actor actor) {
        return directory.projectKey(projectId).compose(projectKey -> pool.withTransaction(tx -> lockAll(tx, projectId, caseIds).compose(rows -> {
            Future<List<Long>> chain = Future.succeededFuture(new ArrayList<>());
            for (Row row : rows) {
                CaseContent copy = content(row).withFreshStepIds().withStatus(CaseStatus.DRAFT);
                String title = "Copy of " + copy.title();
                CaseContent titled = copy.withTitle(title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title);
                String from = "cloned from " + Directory.caseKey(projectKey, row.getInteger("number"));
                chain = chain.compose(ids -> insert(tx, projectId, List.of(titled), List.of("created", from), actor).map(created -> {
                    ids.addAll(created);
                    return ids;
                }));
            }
            return chain;
        }))).compose(ids -> {
            List<Future<JsonObject>> copies = ids.stream().map(this::get).toList();
            return Future.all(copies).map(all -> new JsonArray(copies.stream().map(Future::result).map(Object.class::cast).toList()));
        });
    }

    /**
     * Pins the current version of each case (a cycle will run it: it never changes again) and
     * answers what the cycle needs to show of them, in the order asked. Every case must be an active
     * case of the project.
     */
    Future<List<PinnedCase>> pinCurrentVersions(long projectId, List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return directory.projectKey(projectId).compose(projectKey -> pool.withTransaction(tx -> lockAll(tx, projectId, caseIds)
                .compose(rows -> tx.preparedQuery("""
                                UPDATE test_case_versions v SET pinned = true FROM test_cases c
                                 WHERE c.id = ANY ($1) AND v.case_id = c.id AND v.version = c.version""")
                        .execute(Tuple.tuple().addArrayOfLong(caseIds.toArray(Long[]::new)))
                        .map(done -> {
                            Map<Long, PinnedCase> byId = new java.util.HashMap<>();
                            for (Row row : rows) {
                                byId.put(row.getLong("id"), new PinnedCase(row.getLong("id"), Directory.caseKey(projectKey, row.getInteger("number")),
                                        row.getString("title"), row.getInteger("version"), content(row).steps().size()));
                            }
                            return caseIds.stream().map(byId::get).toList();
                        }))));
    }

    /** The ids of every case a query finds (at most {@code limit}), in key order. */
    Future<List<Long>> ids(CaseQuery query, int limit) {
        return directory.projectKey(query.projectId()).compose(key -> {
            Tuple params = Tuple.tuple();
            String where = query.where(params);
            params.addInteger(limit);
            return pool.preparedQuery("SELECT c.id FROM test_cases c" + where + " ORDER BY c.number LIMIT $" + params.size()).execute(params)
                    .map(rows -> {
                        List<Long> ids = new ArrayList<>();
                        rows.forEach(row -> ids.add(row.getLong(0)));
                        return ids;
                    });
        });
    }

    /** Moves cases to the archive (or, {@code archived} false, back): hidden from lists, kept with their history and suites. */
    Future<Integer> setArchived(long projectId, List<Long> caseIds, boolean archived, Actor actor) {
        return pool.preparedQuery("UPDATE test_cases SET archived_at = " + (archived ? "$3" : "NULL") + ", updated_by = $4, updated_at = $3"
                        + " WHERE project_id = $1 AND id = ANY ($2) AND archived_at IS " + (archived ? "NULL" : "NOT NULL"))
                .execute(Tuple.tuple().addLong(projectId).addArrayOfLong(caseIds.toArray(Long[]::new)).addOffsetDateTime(now())
                        .addValue(actor.userId()))
                .map(rows -> rows.rowCount());
    }

    /**
     * Changes a locked case row to {@code content}; answers false when nothing changed. Saves of the
     * same editing session by the same person refine its version; anything else adds one.
     */
    Future<Boolean> applyEdit(SqlClient tx, Row row, CaseContent content, UUID editSession, Actor actor) {
        List<String> changes = content.changesFrom(content(row));
        if (changes.isEmpty()) {
            return Future.succeededFuture(false);
        }
        long caseId = row.getLong("id");
        int version = row.getInteger("version");
        OffsetDateTime now = now();
        return tx.preparedQuery("SELECT edit_session, author_id, changes, pinned FROM test_case_versions WHERE case_id = $1 AND version = $2")
                .execute(Tuple.of(caseId, version))
                .compose(latest -> {
                    Row last = latest.iterator().next();
                    // a version a cycle runs never changes again: the session goes on in a new version
                    boolean sameSession = editSession != null && editSession.equals(last.getUUID("edit_session"))
                            && Objects.equals(last.getLong("author_id"), actor.userId()) && !last.getBoolean("pinned");
                    if (sameSession) {
                        Set<String> merged = new LinkedHashSet<>(List.of(last.getArrayOfStrings("changes")));
                        if (!merged.contains("created")) {
                            merged.addAll(changes);
                        }
                        return tx.preparedQuery("UPDATE test_case_versions SET snapshot = $3, changes = $4, saved_at = $5 WHERE case_id = $1 AND version = $2")
                                .execute(Tuple.of(caseId, version, content.toJson(), ordered(merged), now))
                                .map(version);
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO test_case_versions (case_id, version, snapshot, changes, edit_session, author_id, author_name,
                                                                    created_at, saved_at)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)""")
                            .execute(Tuple.from(new Object[] {caseId, version + 1, content.toJson(), changes.toArray(String[]::new), editSession,
                                    actor.userId(), actor.name(), now}))
                            .map(version + 1);
                })
                .compose(newVersion -> tx.preparedQuery("""
                                UPDATE test_cases SET title = $1, precondition = $2, steps = $3, priority = $4, status = $5, labels = $6,
                                       components = $7, owner_id = $8, estimate_minutes = $9, folder_id = $10,
                                       version = $11, revision = revision + 1, updated_by = $12, updated_at = $13
                                 WHERE id = $14""")
                        .execute(contentTuple(content).addInteger(newVersion).addValue(actor.userId()).addOffsetDateTime(now).addLong(caseId)))
                .map(true);
    }

    /** Fields in the order versions list them, "created" and "cloned from …" first. */
    private static String[] ordered(Set<String> changes) {
        List<String> result = new ArrayList<>(changes.stream().filter(change -> !CaseContent.FIELDS.contains(change)).toList());
        CaseContent.FIELDS.stream().filter(changes::contains).forEach(result::add);
        return result.toArray(String[]::new);
    }

    Future<Row> lock(SqlClient tx, long caseId) {
        return tx.preparedQuery("SELECT " + DETAIL_COLUMNS + " FROM test_cases c WHERE c.id = $1 FOR UPDATE").execute(Tuple.of(caseId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(caseId)) : Future.succeededFuture(rows.iterator().next()));
    }

    /** The active cases of these ids in the project, locked in id order (so concurrent bulk edits cannot deadlock); any other id fails. */
    Future<List<Row>> lockAll(SqlClient tx, long projectId, List<Long> caseIds) {
        return tx.preparedQuery("SELECT " + DETAIL_COLUMNS + " FROM test_cases c WHERE c.project_id = $1 AND c.id = ANY ($2) AND c.archived_at IS NULL"
                        + " ORDER BY c.id FOR UPDATE")
                .execute(Tuple.tuple().addLong(projectId).addArrayOfLong(caseIds.toArray(Long[]::new)))
                .compose(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    Set<Long> missing = new LinkedHashSet<>(caseIds);
                    found.forEach(row -> missing.remove(row.getLong("id")));
                    return missing.isEmpty() ? Future.succeededFuture(found)
                            : Future.failedFuture(Failure.invalid("caseIds", "No active case " + missing.iterator().next() + " in this project"
                                    + " (archived cases are restored first)."));
                });
    }

    private static void requireActive(Row row) {
        if (row.getOffsetDateTime("archived_at") != null) {
            throw new Failure(ErrorCode.CONFLICT, "This case is in the archive; restore it to edit it.");
        }
    }

    static CaseContent content(Row row) {
        List<Step> steps = new ArrayList<>();
        Object json = row.getValue("steps");
        JsonArray array = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
        array.forEach(step -> steps.add(Step.fromJson((JsonObject) step)));
        return new CaseContent(row.getString("title"), row.getString("precondition"), List.copyOf(steps),
                Priority.valueOf(row.getString("priority")), CaseStatus.valueOf(row.getString("status")),
                List.of(row.getArrayOfStrings("labels")), List.of(row.getArrayOfStrings("components")),
                row.getLong("owner_id"), row.getInteger("estimate_minutes"), row.getLong("folder_id"));
    }

    private static Tuple contentTuple(CaseContent content) {
        JsonArray steps = new JsonArray();
        content.steps().forEach(step -> steps.add(step.toJson()));
        return Tuple.tuple().addString(content.title()).addString(content.precondition()).addValue(steps)
                .addString(content.priority().name()).addString(content.status().name())
                .addArrayOfString(content.labels().toArray(String[]::new)).addArrayOfString(content.components().toArray(String[]::new))
                .addValue(content.ownerId()).addValue(content.estimateMinutes()).addValue(content.folderId());
    }

    private static JsonObject summary(Row row, String projectKey, Map<Long, String> names) {
        Long owner = row.getLong("owner_id");
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("key", Directory.caseKey(projectKey, row.getInteger("number")))
                .put("title", row.getString("title"))
                .put("priority", row.getString("priority"))
                .put("status", row.getString("status"))
                .put("labels", new JsonArray(List.of((Object[]) row.getArrayOfStrings("labels"))))
                .put("components", new JsonArray(List.of((Object[]) row.getArrayOfStrings("components"))))
                .put("owner", person(owner, names))
                .put("estimateMinutes", row.getInteger("estimate_minutes"))
                .put("folderId", row.getLong("folder_id"))
                .put("stepCount", row.getInteger("step_count"))
                .put("archived", row.getOffsetDateTime("archived_at") != null)
                .put("version", row.getInteger("version"))
                .put("updatedAt", instant(row.getOffsetDateTime("updated_at")));
    }

    private static JsonObject person(Long userId, Map<Long, String> names) {
        return userId == null ? null : new JsonObject().put("id", userId).put("name", names.getOrDefault(userId, "user " + userId));
    }

    static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private static <T> Future<T> unknownOwner(Throwable error) {
        return Future.failedFuture(SqlErrors.is(error, SqlErrors.FOREIGN_KEY_VIOLATION)
                ? Failure.invalid("ownerId", "There is no such user to own the case.") : error);
    }

    static Failure notFound(long caseId) {
        return Failure.notFound("There is no test case " + caseId + ".");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Someone saved the case since this editor loaded it: the case as it is now, for the editor to show beside its own. */
    static final class EditConflict extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient JsonObject current;

        EditConflict(JsonObject current) {
            super(ErrorCode.EDIT_CONFLICT, "Someone else saved this case since you opened it ("
                    + current.getJsonObject("updatedBy", new JsonObject()).getString("name", "another user")
                    + "); your changes are not saved yet. Compare, then keep yours or theirs.");
            this.current = current;
        }

        @Override
        public JsonObject details() {
            return new JsonObject().put("current", current);
        }
    }
}
