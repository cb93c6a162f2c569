package io.testbridge.cycles;

import io.testbridge.db.SqlErrors;
import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.identity.Identity;
import io.testbridge.shared.Actor;
import io.testbridge.testcases.PinnedCase;
import io.testbridge.testcases.TestCases;
import io.testbridge.testmgmt.TestManagement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Test cycles: planned (name, build, environment, dates), filled with cases (each pinned to the
 * version it has when added), assigned, copied for the next build, and their progress counted.
 */
final class CycleService {
    static final int MAX_CASES = 10_000;
    private static final String CYCLE_COLUMNS = "c.id, c.project_id, c.name, c.description, c.build, c.environment, c.planned_start, "
            + "c.planned_end, c.copied_from, c.created_at";
    private static final String PROGRESS = """
            (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM cycle_cases WHERE cycle_id = c.id GROUP BY status) s) AS progress,
            (SELECT count(*) FROM execution_defects d JOIN executions e ON e.id = d.execution_id JOIN cycle_cases cc ON cc.id = e.cycle_case_id
              WHERE cc.cycle_id = c.id) AS defects""";

    /**
     * Whether a case of a cycle ({@code cc}) has results: an attempt with a status or a step's
     * result. Such a case stays in its cycle (its results are kept).
     */
    private static final String HAS_RESULTS = """
            EXISTS (SELECT 1 FROM executions e WHERE e.cycle_case_id = cc.id
                       AND (e.status <> 'NOT_RUN' OR e.status_set_by_hand OR EXISTS (SELECT 1 FROM step_results r WHERE r.execution_id = e.id)))""";

    private final Pool pool;
    private final Clock clock;
    private final TestCases testCases;
    private final TestManagement testManagement;
    private final Identity identity;

    CycleService(Pool pool, Clock clock, TestCases testCases, TestManagement testManagement, Identity identity) {
        this.pool = pool;
        this.clock = clock;
        this.testCases = testCases;
        this.testManagement = testManagement;
        this.identity = identity;
    }

    Future<JsonArray> list(long projectId) {
        return requireProject(projectId).compose(ok -> pool.preparedQuery("SELECT " + CYCLE_COLUMNS + ", " + PROGRESS
                        + " FROM test_cycles c WHERE c.project_id = $1 ORDER BY c.created_at DESC, c.id DESC").execute(Tuple.of(projectId))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(json(row)));
                    return items;
                }));
    }

    Future<JsonObject> get(long cycleId) {
        return pool.preparedQuery("SELECT " + CYCLE_COLUMNS + ", " + PROGRESS + " FROM test_cycles c WHERE c.id = $1").execute(Tuple.of(cycleId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(cycleId)) : Future.succeededFuture(json(rows.iterator().next())));
    }

    /** The cycle's project (and that it exists). */
    Future<Long> projectOf(long cycleId) {
        return pool.preparedQuery("SELECT project_id FROM test_cycles WHERE id = $1").execute(Tuple.of(cycleId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(cycleId)) : Future.succeededFuture(rows.iterator().next().getLong(0)));
    }

    Future<JsonObject> create(long projectId, CycleInput input, Actor actor) {
        return requireProject(projectId)
                .compose(ok -> insert(pool, projectId, input, null, actor))
                .compose(this::get);
    }

    private Future<Long> insert(SqlClient client, long projectId, CycleInput input, Long copiedFrom, Actor actor) {
        return client.preparedQuery("""
                        INSERT INTO test_cycles (project_id, name, description, build, environment, planned_start, planned_end, copied_from, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""")
                .execute(Tuple.from(new Object[] {projectId, input.name(), input.description(), input.build(), input.environment(),
                        input.plannedStart(), input.plannedEnd(), copiedFrom, actor.userId()}))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Future<JsonObject> update(long cycleId, io.vertx.core.json.JsonObject patch) {
        return get(cycleId).compose(current -> {
            CycleInput input = CycleInput.fromJson(patch, inputOf(current));
            return pool.preparedQuery("""
                            UPDATE test_cycles SET name = $2, description = $3, build = $4, environment = $5, planned_start = $6,
                                   planned_end = $7, updated_at = now() WHERE id = $1""")
                    .execute(Tuple.from(new Object[] {cycleId, input.name(), input.description(), input.build(), input.environment(),
                            input.plannedStart(), input.plannedEnd()}));
        }).compose(done -> get(cycleId));
    }

    /** Adds cases (by id, a suite's, or a filter's), each pinned to its current version; cases already in the cycle are skipped. */
    Future<JsonObject> addCases(long cycleId, CasesToAdd what, Actor actor) {
        return projectOf(cycleId).compose(projectId -> resolve(projectId, what)
                .compose(ids -> pool.preparedQuery("SELECT case_id FROM cycle_cases WHERE cycle_id = $1").execute(Tuple.of(cycleId)).compose(rows -> {
                    Set<Long> present = new HashSet<>();
                    rows.forEach(row -> present.add(row.getLong(0)));
                    List<Long> distinct = ids.stream().distinct().toList();
                    List<Long> fresh = distinct.stream().filter(id -> !present.contains(id)).toList();
                    Future<Integer> added = fresh.isEmpty() ? Future.succeededFuture(0) : testCases.pinCurrentVersions(projectId, fresh)
                            .compose(pinned -> pool.withTransaction(tx -> append(tx, cycleId, pinned, Map.of())).map(pinned.size()));
                    return added.map(count -> new JsonObject().put("added", count).put("alreadyInCycle", distinct.size() - fresh.size()));
                })));
    }

    private Future<List<Long>> resolve(long projectId, CasesToAdd what) {
        if (what.suiteId() != null) {
            return testCases.suiteCaseIds(what.suiteId()).compose(suite -> suite.projectId() == projectId ? Future.succeededFuture(suite.caseIds())
                    : Future.failedFuture(Failure.invalid("suiteId", "That suite belongs to another project.")));
        }
        if (what.filter() != null) {
            return testCases.caseIds(what.filter().inProject(projectId), MAX_CASES);
        }
        if (what.caseIds().size() > MAX_CASES) {
            return Future.failedFuture(Failure.invalid("caseIds", "A cycle holds at most " + MAX_CASES + " cases."));
        }
        return Future.succeededFuture(what.caseIds());
    }

    /** Appends pinned cases (with their assignees, by case id) and a first attempt of each. */
    private Future<Void> append(SqlClient tx, long cycleId, List<PinnedCase> pinned, Map<Long, Long> assignees) {
        return tx.preparedQuery("SELECT COALESCE(max(position), 0) FROM cycle_cases WHERE cycle_id = $1").execute(Tuple.of(cycleId))
                .compose(rows -> {
                    int start = rows.iterator().next().getInteger(0);
                    List<Tuple> batch = new ArrayList<>();
                    for (int i = 0; i < pinned.size(); i++) {
                        PinnedCase one = pinned.get(i);
                        batch.add(Tuple.from(new Object[] {cycleId, one.caseId(), one.key(), one.title(), one.version(), one.stepCount(), start + i + 1,
                                assignees.get(one.caseId())}));
                    }
                    return tx.preparedQuery("""
                                    WITH added AS (
                                        INSERT INTO cycle_cases (cycle_id, case_id, case_key, case_title, case_version, step_count, position, assignee_id)
                                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, case_version)
                                    INSERT INTO executions (cycle_case_id, attempt, case_version) SELECT id, 1, case_version FROM added""")
                            .executeBatch(batch).<Void>mapEmpty();
                })
                .recover(error -> Future.failedFuture(SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)
                        ? new Failure(ErrorCode.CONFLICT, "Someone added the same cases meanwhile; reload the cycle.") : error));
    }

    /** The cycle's cases in order, optionally only those of a status or an assignee (0: nobody), with the cycle's progress. */
    Future<JsonObject> cases(long cycleId, RunStatus status, Long assigneeId) {
        Tuple params = Tuple.of(cycleId);
        StringBuilder where = new StringBuilder(" WHERE cc.cycle_id = $1");
        if (status != null) {
            params.addString(status.name());
            where.append(" AND cc.status = $").append(params.size());
        }
        if (assigneeId != null) {
            if (assigneeId == 0) {
                where.append(" AND cc.assignee_id IS NULL");
            } else {
                params.addLong(assigneeId);
                where.append(" AND cc.assignee_id = $").append(params.size());
            }
        }
        Future<JsonObject> cycle = get(cycleId);
        return cycle.compose(found -> pool.preparedQuery("""
                        SELECT cc.id, cc.case_id, cc.case_key, cc.case_title, cc.case_version, cc.step_count, cc.position, cc.assignee_id,
                               cc.status, cc.attempts, """ + HAS_RESULTS + """
                                AS has_results,
                               e.id AS execution_id, e.outcome, e.duration_ms, e.trend
                          FROM cycle_cases cc LEFT JOIN executions e ON e.cycle_case_id = cc.id AND e.attempt = cc.attempts""" + where + " ORDER BY cc.position, cc.id").execute(params))
                .compose(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    Set<Long> people = new HashSet<>();
                    found.forEach(row -> people.add(row.getLong("assignee_id")));
                    return names(people).map(names -> {
                        JsonArray items = new JsonArray();
                        for (Row row : found) {
                            Long assignee = row.getLong("assignee_id");
                            items.add(new JsonObject().put("id", row.getLong("id")).put("caseId", row.getLong("case_id"))
                                    .put("key", row.getString("case_key")).put("title", row.getString("case_title"))
                                    .put("version", row.getInteger("case_version")).put("stepCount", row.getInteger("step_count"))
                                    .put("position", row.getInteger("position"))
                                    .put("assignee", assignee == null ? null : new JsonObject().put("id", assignee).put("name", names.getOrDefault(assignee, "user " + assignee)))
                                    .put("status", row.getString("status")).put("attempts", row.getInteger("attempts"))
                                    .put("executionId", row.getLong("execution_id")).put("hasResults", row.getBoolean("has_results"))
                                    .put("outcome", row.getString("outcome")).put("durationMs", row.getLong("duration_ms"))
                                    .put("trend", row.getString("trend")));
                        }
                        return new JsonObject().put("items", items).put("progress", cycle.result().getJsonObject("progress"));
                    });
                });
    }

    /** Gives these cases of the cycle to a person (null: to nobody). */
    Future<Integer> assign(long cycleId, List<Long> cycleCaseIds, Long assigneeId) {
        return get(cycleId).compose(cycle -> pool.preparedQuery("UPDATE cycle_cases SET assignee_id = $3 WHERE cycle_id = $1 AND id = ANY ($2)")
                        .execute(Tuple.tuple().addLong(cycleId).addArrayOfLong(cycleCaseIds.toArray(Long[]::new)).addValue(assigneeId)))
                .map(rows -> rows.rowCount())
                .recover(error -> Future.failedFuture(SqlErrors.is(error, SqlErrors.FOREIGN_KEY_VIOLATION)
                        ? Failure.invalid("assigneeId", "There is no such user.") : error));
    }

    /** Takes a case out of the cycle; refused once any attempt at it has results (they are kept). */
    Future<Void> remove(long cycleId, long cycleCaseId) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + HAS_RESULTS + " AS ran FROM cycle_cases cc WHERE cc.id = $1 AND cc.cycle_id = $2 FOR UPDATE")
                        .execute(Tuple.of(cycleCaseId, cycleId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.notFound("That case is not in cycle " + cycleId + "."));
                    }
                    if (rows.iterator().next().getBoolean("ran")) {
                        return Future.failedFuture(Failure.conflict(null, "This case has results in the cycle; they are kept, so it stays."));
                    }
                    return tx.preparedQuery("DELETE FROM cycle_cases WHERE id = $1").execute(Tuple.of(cycleCaseId)).<Void>mapEmpty();
                }));
    }

    /**
     * A new cycle for the next build: the same cases (all, or only those not passed), each pinned to
     * its newest version, with the same assignees.
     */
    Future<JsonObject> copy(long cycleId, CycleInput input, boolean onlyUnfinished, Actor actor) {
        return projectOf(cycleId).compose(projectId -> pool.preparedQuery("SELECT case_id, assignee_id, status FROM cycle_cases WHERE cycle_id = $1 ORDER BY position, id")
                .execute(Tuple.of(cycleId))
                .compose(rows -> {
                    List<Long> caseIds = new ArrayList<>();
                    Map<Long, Long> assignees = new HashMap<>();
                    for (Row row : rows) {
                        RunStatus status = RunStatus.valueOf(row.getString("status"));
                        if (onlyUnfinished && (status == RunStatus.PASS || status == RunStatus.NA)) {
                            continue;
                        }
                        caseIds.add(row.getLong("case_id"));
                        if (row.getLong("assignee_id") != null) {
                            assignees.put(row.getLong("case_id"), row.getLong("assignee_id"));
                        }
                    }
                    return testCases.pinCurrentVersions(projectId, caseIds)
                            .recover(error -> Future.failedFuture(error instanceof Failure failure && "caseIds".equals(failure.field())
                                    ? Failure.conflict(null, "A case of this cycle is in the archive now; restore it, or take it out of the cycle, then copy.")
                                    : error))
                            .compose(pinned -> pool.withTransaction(tx -> insert(tx, projectId, input, cycleId, actor)
                                    .compose(newId -> append(tx, newId, pinned, assignees).map(newId))));
                }))
                .compose(this::get);
    }

    private Future<Void> requireProject(long projectId) {
        return testManagement.project(projectId).mapEmpty();
    }

    Future<Map<Long, String>> names(Set<Long> userIds) {
        List<Long> ids = userIds.stream().filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return identity.usersById(ids).map(users -> {
            Map<Long, String> names = new HashMap<>();
            users.forEach(user -> names.put(user.id(), user.displayName()));
            return names;
        });
    }

    private static JsonObject json(Row row) {
        JsonObject counts = new JsonObject();
        long total = 0;
        for (RunStatus status : RunStatus.values()) {
            counts.put(status.name(), 0L);
        }
        Object progress = row.getValue("progress");
        if (progress != null) {
            JsonObject found = progress instanceof JsonObject json ? json : new JsonObject(String.valueOf(progress));
            for (String status : found.fieldNames()) {
                long n = found.getLong(status);
                counts.put(status, n);
                total += n;
            }
        }
        LocalDate start = row.getLocalDate("planned_start");
        LocalDate end = row.getLocalDate("planned_end");
        return new JsonObject().put("id", row.getLong("id")).put("projectId", row.getLong("project_id")).put("name", row.getString("name"))
                .put("description", row.getString("description")).put("build", row.getString("build")).put("environment", row.getString("environment"))
                .put("plannedStart", start == null ? null : start.toString()).put("plannedEnd", end == null ? null : end.toString())
                .put("copiedFrom", row.getLong("copied_from")).put("createdAt", instant(row.getOffsetDateTime("created_at")))
                .put("progress", counts.put("total", total)).put("defects", row.getLong("defects"));
    }

    private static CycleInput inputOf(JsonObject cycle) {
        return new CycleInput(cycle.getString("name"), cycle.getString("description"), cycle.getString("build"), cycle.getString("environment"),
                cycle.getString("plannedStart") == null ? null : LocalDate.parse(cycle.getString("plannedStart")),
                cycle.getString("plannedEnd") == null ? null : LocalDate.parse(cycle.getString("plannedEnd")));
    }

    static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    static Failure notFound(long cycleId) {
        return Failure.notFound("There is no test cycle " + cycleId + ".");
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
