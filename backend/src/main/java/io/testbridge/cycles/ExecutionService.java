package io.testbridge.cycles;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.shared.Actor;
import io.testbridge.testcases.CaseContent;
import io.testbridge.testcases.PinnedCase;
import io.testbridge.testcases.Step;
import io.testbridge.testcases.TestCases;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Running cases: an attempt shows the case as its pinned version has it, takes a result per step
 * (its status derived from the steps unless set by hand), and is followed by further attempts on a
 * re-run. Results of one attempt are recorded one at a time (its row is locked), so testers
 * working on the same case at once never lose each other's results or get a wrong status.
 */
final class ExecutionService {
    private static final int CACHED_VERSIONS = 2_000;
    private static final String ATTEMPT = """
            SELECT e.id, e.attempt, e.case_version, e.status, e.status_set_by_hand, e.started_at, e.finished_at, e.executed_by,
                   e.outcome, e.duration_ms, e.failure_type, e.failure_message, e.stack_trace, e.system_out, e.system_err, e.trend,
                   e.previous_execution_id, cc.id AS cycle_case_id, cc.case_id, cc.case_key, cc.case_title, cc.attempts, cc.cycle_id
              FROM executions e JOIN cycle_cases cc ON cc.id = e.cycle_case_id
             WHERE e.id = $1 AND cc.cycle_id = $2""";

    private final Pool pool;
    private final CycleService cycles;
    private final TestCases testCases;
    /** Pinned versions never change: kept once read (on this verticle's context only). */
    private final Map<String, CaseContent> versions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CaseContent> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    ExecutionService(Pool pool, CycleService cycles, TestCases testCases) {
        this.pool = pool;
        this.cycles = cycles;
        this.testCases = testCases;
    }

    /** The content of a pinned version of a case. */
    Future<CaseContent> content(long caseId, int version) {
        String key = caseId + "@" + version;
        CaseContent known = versions.get(key);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return testCases.caseContent(caseId, version).onSuccess(content -> versions.put(key, content));
    }

    /** The latest attempt at a case of the cycle, in full. */
    Future<JsonObject> latest(long cycleId, long cycleCaseId) {
        return pool.preparedQuery("""
                        SELECT e.id FROM executions e JOIN cycle_cases cc ON cc.id = e.cycle_case_id
                         WHERE cc.id = $1 AND cc.cycle_id = $2 ORDER BY e.attempt DESC LIMIT 1""").execute(Tuple.of(cycleCaseId, cycleId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("That case is not in cycle " + cycleId + "."))
                        : detail(cycleId, rows.iterator().next().getLong(0)));
    }

    /** One attempt in full: the case as its version has it, each step with its result and evidence, the other attempts. */
    Future<JsonObject> detail(long cycleId, long executionId) {
        return attempt(pool, cycleId, executionId).compose(row -> {
            long caseId = row.getLong("case_id");
            int version = row.getInteger("case_version");
            Future<CaseContent> content = content(caseId, version);
            Future<Map<String, Row>> results = pool.preparedQuery("SELECT step_id, status, actual, comment, updated_by, updated_at FROM step_results WHERE execution_id = $1")
                    .execute(Tuple.of(executionId)).map(rows -> {
                        Map<String, Row> byStep = new HashMap<>();
                        rows.forEach(result -> byStep.put(result.getUUID("step_id").toString(), result));
                        return byStep;
                    });
            Future<JsonArray> attempts = pool.preparedQuery("""
                            SELECT id, attempt, case_version, status, executed_by, started_at, finished_at, outcome, duration_ms, trend FROM executions
                             WHERE cycle_case_id = $1 ORDER BY attempt DESC""").execute(Tuple.of(row.getLong("cycle_case_id")))
                    .map(rows -> {
                        JsonArray list = new JsonArray();
                        rows.forEach(attempt -> list.add(new JsonObject().put("id", attempt.getLong("id")).put("attempt", attempt.getInteger("attempt"))
                                .put("version", attempt.getInteger("case_version")).put("status", attempt.getString("status"))
                                .put("startedAt", CycleService.instant(attempt.getOffsetDateTime("started_at")))
                                .put("finishedAt", CycleService.instant(attempt.getOffsetDateTime("finished_at")))
                                .put("outcome", attempt.getString("outcome")).put("durationMs", attempt.getLong("duration_ms"))
                                .put("trend", attempt.getString("trend"))));
                        return list;
                    });
            Future<Integer> latestVersion = testCases.getCase(caseId).map(current -> current.getInteger("version"));
            return Future.all(content, results, attempts, latestVersion).compose(all -> {
                Set<Long> people = new HashSet<>();
                people.add(row.getLong("executed_by"));
                results.result().values().forEach(result -> people.add(result.getLong("updated_by")));
                return cycles.names(people).map(names -> {
                    JsonArray steps = new JsonArray();
                    List<StepStatus> statuses = new ArrayList<>();
                    List<Step> caseSteps = content.result().steps();
                    for (int i = 0; i < caseSteps.size(); i++) {
                        Step step = caseSteps.get(i);
                        Row result = results.result().get(step.id().toLowerCase(java.util.Locale.ROOT));
                        StepStatus status = result == null ? StepStatus.NOT_RUN : StepStatus.valueOf(result.getString("status"));
                        statuses.add(status);
                        steps.add(step.toJson().put("number", i + 1).put("status", status.name())
                                .put("actual", result == null ? "" : result.getString("actual"))
                                .put("comment", result == null ? "" : result.getString("comment"))
                                .put("updatedBy", result == null ? null : person(result.getLong("updated_by"), names))
                                .put("updatedAt", result == null ? null : CycleService.instant(result.getOffsetDateTime("updated_at"))));
                    }
                    return new JsonObject().put("id", executionId).put("cycleId", cycleId).put("cycleCaseId", row.getLong("cycle_case_id"))
                            .put("caseId", caseId).put("key", row.getString("case_key")).put("title", content.result().title())
                            .put("attempt", row.getInteger("attempt")).put("latest", row.getInteger("attempt").equals(row.getInteger("attempts")))
                            .put("version", version).put("latestVersion", latestVersion.result())
                            .put("status", row.getString("status")).put("statusSetByHand", row.getBoolean("status_set_by_hand"))
                            .put("derivedStatus", RunStatus.of(statuses).name())
                            .put("startedAt", CycleService.instant(row.getOffsetDateTime("started_at")))
                            .put("finishedAt", CycleService.instant(row.getOffsetDateTime("finished_at")))
                            .put("executedBy", person(row.getLong("executed_by"), names))
                            .put("precondition", content.result().precondition()).put("priority", content.result().priority().name())
                            .put("steps", steps).put("attempts", attempts.result()).put("automated", automated(row));
                });
            });
        });
    }

    /**
     * Records a step's result in the latest attempt, and answers the attempt's status as it now
     * stands: lock the attempt, write the result and read the other steps' in one statement, write
     * the status. The case version's steps are read before the transaction: reading them may need a
     * connection of the pool, which must never wait while this transaction holds one.
     */
    Future<JsonObject> recordStep(long cycleId, long executionId, String stepId, StepResult result, Actor actor) {
        return attempt(pool, cycleId, executionId).compose(found -> content(found.getLong("case_id"), found.getInteger("case_version"))
                .compose(content -> content.steps().stream().noneMatch(step -> step.id().equalsIgnoreCase(stepId))
                        ? Future.failedFuture(Failure.invalid("stepId", "The case, as this attempt runs it, has no step " + stepId + "."))
                        : pool.withTransaction(tx -> lockLatest(tx, cycleId, executionId).compose(row -> {
                    if (!row.getInteger("case_version").equals(found.getInteger("case_version"))) {
                        return Future.failedFuture(new Failure(ErrorCode.CONFLICT, "This attempt now runs version " + row.getInteger("case_version")
                                + " of the case; reload it and record the result again."));
                    }
                    // the statement sees step_results as they were before its INSERT: the new result comes from RETURNING
                    return tx.preparedQuery("""
                                    WITH recorded AS (
                                        INSERT INTO step_results (execution_id, step_id, status, actual, comment, updated_by, updated_at)
                                        VALUES ($1, $2, $3, $4, $5, $6, now())
                                        ON CONFLICT (execution_id, step_id) DO UPDATE SET status = $3, actual = $4, comment = $5,
                                               updated_by = $6, updated_at = now()
                                        RETURNING step_id, status)
                                    SELECT step_id, status FROM recorded
                                    UNION ALL
                                    SELECT step_id, status FROM step_results WHERE execution_id = $1 AND step_id <> $2""")
                            .execute(Tuple.from(new Object[] {executionId, java.util.UUID.fromString(stepId), result.status().name(),
                                    result.actual(), result.comment(), actor.userId()}))
                            .compose(statuses -> settle(tx, row, content, byStep(statuses), actor));
                }))));
    }

    /** Sets an attempt's status by hand, or ({@code status} null) goes back to what its steps say. */
    Future<JsonObject> setStatus(long cycleId, long executionId, RunStatus status, Actor actor) {
        return attempt(pool, cycleId, executionId).compose(found -> content(found.getLong("case_id"), found.getInteger("case_version")))
                .compose(content -> pool.withTransaction(tx -> lockLatest(tx, cycleId, executionId)
                        .compose(row -> row.getString("outcome") == null ? Future.succeededFuture(row)
                                // CI's result stands as reported: a hand-set PASS beside outcome=failed would also mislead the next import's trend
                                : Future.<Row>failedFuture(new Failure(ErrorCode.CONFLICT,
                                        "An automated result's status is CI's; import a new result instead of setting it by hand.")))
                        .compose(row -> tx.preparedQuery("UPDATE executions SET status_set_by_hand = $2, status = COALESCE($3, status) WHERE id = $1")
                                .execute(Tuple.of(executionId, status != null, status == null ? null : status.name()))
                                .compose(done -> lockLatest(tx, cycleId, executionId))
                                .compose(updated -> tx.preparedQuery("SELECT step_id, status FROM step_results WHERE execution_id = $1")
                                        .execute(Tuple.of(executionId))
                                        .compose(statuses -> settle(tx, updated, content, byStep(statuses), actor))))));
    }

    private static Map<String, StepStatus> byStep(io.vertx.sqlclient.RowSet<Row> rows) {
        Map<String, StepStatus> byStep = new HashMap<>();
        rows.forEach(result -> byStep.put(result.getUUID("step_id").toString(), StepStatus.valueOf(result.getString("status"))));
        return byStep;
    }

    /**
     * Works out the attempt's status from its steps' results (unless set by hand), its start and
     * end, and shows it on the cycle's case; answers the attempt's summary.
     */
    private Future<JsonObject> settle(SqlClient tx, Row row, CaseContent content, Map<String, StepStatus> byStep, Actor actor) {
        long executionId = row.getLong("id");
        List<StepStatus> statuses = content.steps().stream()
                .map(step -> byStep.getOrDefault(step.id().toLowerCase(java.util.Locale.ROOT), StepStatus.NOT_RUN)).toList();
        RunStatus derived = RunStatus.of(statuses);
        RunStatus status = row.getBoolean("status_set_by_hand") ? RunStatus.valueOf(row.getString("status")) : derived;
        boolean anyResult = !byStep.isEmpty() || row.getBoolean("status_set_by_hand");
        return tx.preparedQuery("""
                        WITH attempt AS (
                            UPDATE executions SET status = $2, updated_at = now(), executed_by = $3,
                                   started_at = CASE WHEN $4 THEN COALESCE(started_at, now()) END,
                                   finished_at = CASE WHEN $5 THEN COALESCE(finished_at, now()) END
                             WHERE id = $1 RETURNING cycle_case_id, started_at, finished_at)
                        UPDATE cycle_cases cc SET status = $2 FROM attempt WHERE cc.id = attempt.cycle_case_id
                        RETURNING attempt.started_at, attempt.finished_at""")
                .execute(Tuple.from(new Object[] {executionId, status.name(), actor.userId(), anyResult, status.finished()}))
                .map(updated -> {
                    Row times = updated.iterator().next();
                    return new JsonObject().put("id", executionId).put("status", status.name()).put("derivedStatus", derived.name())
                            .put("statusSetByHand", row.getBoolean("status_set_by_hand"))
                            .put("startedAt", CycleService.instant(times.getOffsetDateTime("started_at")))
                            .put("finishedAt", CycleService.instant(times.getOffsetDateTime("finished_at")));
                });
    }

    /** A new attempt at a case (a re-run), of the version the cycle runs; the earlier attempts stay as they are. */
    Future<JsonObject> rerun(long cycleId, long cycleCaseId) {
        return pool.withTransaction(tx -> lockCase(tx, cycleId, cycleCaseId)
                        .compose(row -> newAttempt(tx, cycleCaseId, row.getInteger("attempts") + 1, row.getInteger("case_version"))))
                .compose(executionId -> detail(cycleId, executionId));
    }

    /**
     * Runs the case's newest version from now on: the latest attempt takes it if nothing was recorded
     * in it yet, else a new attempt does. Earlier attempts keep the version they ran.
     */
    Future<JsonObject> pullLatestVersion(long cycleId, long cycleCaseId) {
        return cycles.projectOf(cycleId).compose(projectId -> pool.preparedQuery("SELECT case_id FROM cycle_cases WHERE id = $1 AND cycle_id = $2")
                        .execute(Tuple.of(cycleCaseId, cycleId))
                        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("That case is not in cycle " + cycleId + "."))
                                : testCases.pinCurrentVersions(projectId, List.of(rows.iterator().next().getLong(0)))))
                .compose(pinned -> pool.withTransaction(tx -> lockCase(tx, cycleId, cycleCaseId).compose(row -> {
                    PinnedCase newest = pinned.get(0);
                    if (newest.version() == row.getInteger("case_version")) {
                        return Future.succeededFuture(row.getLong("execution_id"));
                    }
                    Future<Long> attempt = row.getBoolean("untouched")
                            ? tx.preparedQuery("UPDATE executions SET case_version = $2 WHERE id = $1").execute(Tuple.of(row.getLong("execution_id"), newest.version()))
                                    .map(row.getLong("execution_id"))
                            : newAttempt(tx, cycleCaseId, row.getInteger("attempts") + 1, newest.version());
                    return attempt.compose(executionId -> tx.preparedQuery("""
                                    UPDATE cycle_cases SET case_version = $2, case_title = $3, step_count = $4 WHERE id = $1""")
                            .execute(Tuple.of(cycleCaseId, newest.version(), newest.title(), newest.stepCount())).map(executionId));
                })))
                .compose(executionId -> detail(cycleId, executionId));
    }

    private Future<Long> newAttempt(SqlClient tx, long cycleCaseId, int attempt, int version) {
        return tx.preparedQuery("INSERT INTO executions (cycle_case_id, attempt, case_version) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(cycleCaseId, attempt, version))
                .compose(rows -> tx.preparedQuery("UPDATE cycle_cases SET attempts = $2, status = 'NOT_RUN' WHERE id = $1")
                        .execute(Tuple.of(cycleCaseId, attempt)).map(rows.iterator().next().getLong(0)));
    }

    /** The cycle's case, locked, with its latest attempt and whether anything was recorded in it. */
    private Future<Row> lockCase(SqlClient tx, long cycleId, long cycleCaseId) {
        return tx.preparedQuery("""
                        SELECT cc.id, cc.attempts, cc.case_version, e.id AS execution_id,
                               (e.status = 'NOT_RUN' AND NOT e.status_set_by_hand
                                AND NOT EXISTS (SELECT 1 FROM step_results r WHERE r.execution_id = e.id)) AS untouched
                          FROM cycle_cases cc JOIN executions e ON e.cycle_case_id = cc.id AND e.attempt = cc.attempts
                         WHERE cc.id = $1 AND cc.cycle_id = $2 FOR UPDATE OF cc""").execute(Tuple.of(cycleCaseId, cycleId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("That case is not in cycle " + cycleId + "."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    /** An attempt of a case of this cycle (anything else is not found: a result never lands in another cycle). */
    static Future<Row> attempt(SqlClient client, long cycleId, long executionId) {
        return client.preparedQuery(ATTEMPT).execute(Tuple.of(executionId, cycleId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Failure.notFound("There is no attempt " + executionId + " in cycle " + cycleId + "."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    /** The attempt, locked; results go only to the latest attempt at a case. */
    private static Future<Row> lockLatest(SqlClient tx, long cycleId, long executionId) {
        return tx.preparedQuery(ATTEMPT + " FOR UPDATE OF e").execute(Tuple.of(executionId, cycleId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(Failure.notFound("There is no attempt " + executionId + " in cycle " + cycleId + "."));
            }
            Row row = rows.iterator().next();
            if (!row.getInteger("attempt").equals(row.getInteger("attempts"))) {
                return Future.failedFuture(new Failure(ErrorCode.CONFLICT, "A newer attempt at this case exists; record results there."));
            }
            return Future.succeededFuture(row);
        });
    }

    /**
     * What an automated run recorded on the attempt (null for a manual one): the tool's outcome, the
     * duration, the failure's type, message and the bounded part of its stack trace and output, and
     * the trend against the test's previous result (whose attempt is named).
     */
    static JsonObject automated(Row row) {
        if (row.getString("outcome") == null) {
            return null;
        }
        return new JsonObject().put("outcome", row.getString("outcome")).put("durationMs", row.getLong("duration_ms"))
                .put("failureType", row.getString("failure_type")).put("failureMessage", row.getString("failure_message"))
                .put("stackTrace", row.getString("stack_trace")).put("systemOut", row.getString("system_out"))
                .put("systemErr", row.getString("system_err")).put("trend", row.getString("trend"))
                .put("previousExecutionId", row.getLong("previous_execution_id"));
    }

    private static JsonObject person(Long userId, Map<Long, String> names) {
        return userId == null ? null : new JsonObject().put("id", userId).put("name", names.getOrDefault(userId, "user " + userId));
    }
}
