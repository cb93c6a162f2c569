package io.testbridge.cycles;

import io.testbridge.errors.Failure;
import io.testbridge.testcases.PinnedCase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records an upload of automated results in one transaction: the idempotency record first (a
 * second upload with the same key waits on it, then answers what the first did), the cycle (new,
 * or locked so two imports into it queue), then each result as a new attempt at its case in the
 * cycle, with its trend against the test's previous result, and the open defects of a test that
 * keeps failing carried over as known defects. Statements take {@value #CHUNK} results at a time,
 * as arrays.
 *
 * <p>The previous result of a test is its latest PASS or FAIL in this cycle; if it never ran in this
 * cycle, its latest PASS or FAIL in another cycle with the same environment (a matrix build imports
 * each environment into its own cycle: Windows is compared with Windows), else in any other cycle of
 * the project (CI usually makes a cycle per build, so that is the previous build's). A cycle with no
 * environment is compared with the latest of any cycle. FAIL after PASS or after nothing is a NEW_FAILURE, FAIL
 * after FAIL is STILL_FAILING, PASS after FAIL is FIXED.
 */
final class ResultRecorder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultRecorder.class);
    private static final int CHUNK = 5_000;
    private static final long CHUNK_TEXT = 4L * 1024 * 1024;
    /** Jira statuses taken as closed: a defect in one of them is not carried to the next failure. */
    static final String CLOSED_STATUSES = "'done', 'closed', 'resolved', 'won''t do', 'cancelled', 'canceled', 'rejected'";

    private final Pool pool;

    ResultRecorder(Pool pool) {
        this.pool = pool;
    }

    /** The answer of an earlier upload with this key (null: none); 409 if that upload differs from this one. */
    Future<ImportAnswer> earlier(long projectId, String idempotencyKey, String uploadSha256) {
        if (idempotencyKey == null) {
            return Future.succeededFuture(null);
        }
        return pool.preparedQuery("SELECT body_sha256, answer FROM result_imports WHERE project_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(projectId, idempotencyKey))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    Row row = rows.iterator().next();
                    if (!row.getString("body_sha256").equals(uploadSha256)) {
                        return Future.failedFuture(Failure.conflict("Idempotency-Key", "The Idempotency-Key '" + idempotencyKey
                                + "' was used for a different upload to this project; send a new key for new results."));
                    }
                    return Future.succeededFuture(new ImportAnswer(json(row.getValue("answer")), true));
                });
    }

    Future<ImportAnswer> record(ResultRun run) {
        return pool.withTransaction(tx -> claim(tx, run).compose(importId -> importId == null ? Future.succeededFuture((JsonObject) null)
                        : write(tx, run, importId)))
                .compose(answer -> answer != null ? Future.succeededFuture(new ImportAnswer(answer, false))
                        : earlier(run.projectId(), run.idempotencyKey(), run.uploadSha256()));
    }

    /** The import's row; null when another upload with the same key committed first (this one then answers what it did). */
    private static Future<Long> claim(SqlClient tx, ResultRun run) {
        return tx.preparedQuery("""
                        INSERT INTO result_imports (project_id, idempotency_key, body_sha256, answer, imported_by) VALUES ($1, $2, $3, '{}', $4)
                        ON CONFLICT (project_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id""")
                .execute(Tuple.of(run.projectId(), run.idempotencyKey(), run.uploadSha256(), run.actor().userId()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    private Future<JsonObject> write(SqlClient tx, ResultRun run, long importId) {
        long started = System.nanoTime();
        long[] phases = new long[3];
        return cycle(tx, run).compose(cycle -> {
            long cycleId = cycle.getLong("id");
            Long[] caseIds = run.results().stream().map(result -> result.testCase().caseId()).toArray(Long[]::new);
            boolean newCycle = cycle.getBoolean("created");
            return previous(tx, cycleId, cycle.getString("environment"), caseIds)
                    .compose(previous -> {
                        phases[0] = System.nanoTime();
                        return (newCycle ? Future.<Void>succeededFuture() : reuseUntouchedAttempts(tx, cycleId, caseIds))
                                .compose(done -> tx.preparedQuery("SELECT COALESCE(max(position), 0) FROM cycle_cases WHERE cycle_id = $1").execute(Tuple.of(cycleId)))
                                .compose(rows -> insertAll(tx, run, importId, cycleId, rows.iterator().next().getInteger(0), previous));
                    })
                    .compose(trends -> {
                        phases[1] = System.nanoTime();
                        return carryKnownDefects(tx, importId).compose(carried -> {
                            phases[2] = System.nanoTime();
                            JsonObject answer = answer(run, importId, cycle, trends, carried);
                            LOG.info("event=results_recorded import={} cycle={} results={} previous_ms={} insert_ms={} carry_ms={}", importId, cycleId,
                                    caseIds.length, (phases[0] - started) / 1_000_000, (phases[1] - phases[0]) / 1_000_000, (phases[2] - phases[1]) / 1_000_000);
                            return tx.preparedQuery("UPDATE result_imports SET cycle_id = $2, answer = $3 WHERE id = $1")
                                    .execute(Tuple.of(importId, cycleId, answer)).map(answer);
                        });
                    });
        });
    }

    /** The cycle named by the upload: a new one, or the project's existing one, locked (imports into it queue). */
    private Future<JsonObject> cycle(SqlClient tx, ResultRun run) {
        if (run.cycleId() == null) {
            return tx.preparedQuery("""
                            INSERT INTO test_cycles (project_id, name, build, environment, created_by) VALUES ($1, $2, $3, $4, $5)
                            RETURNING id, name, build, environment""")
                    .execute(Tuple.of(run.projectId(), run.cycleName(), run.build(), run.environment(), run.actor().userId()))
                    .map(rows -> cycleJson(rows.iterator().next(), true));
        }
        return tx.preparedQuery("SELECT id, name, build, environment FROM test_cycles WHERE id = $1 AND project_id = $2 FOR UPDATE")
                .execute(Tuple.of(run.cycleId(), run.projectId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.invalid("cycleId", "This project has no test cycle " + run.cycleId() + "."));
                    }
                    // a cycle without a build or environment takes the upload's; one with them keeps its own
                    return tx.preparedQuery("""
                                    UPDATE test_cycles SET build = CASE WHEN build = '' THEN $2 ELSE build END,
                                           environment = CASE WHEN environment = '' THEN $3 ELSE environment END, updated_at = now()
                                     WHERE id = $1 RETURNING id, name, build, environment""")
                            .execute(Tuple.of(run.cycleId(), run.build(), run.environment()))
                            .map(updated -> cycleJson(updated.iterator().next(), false));
                });
    }

    private record Previous(long executionId, RunStatus status) {
    }

    /**
     * Each case's previous result: its latest PASS or FAIL in this cycle, else in another cycle with
     * the same environment (when the cycle has one), else in any other cycle.
     */
    private static Future<Map<Long, Previous>> previous(SqlClient tx, long cycleId, String environment, Long[] caseIds) {
        Map<Long, Previous> found = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < caseIds.length; from += CHUNK * 5) {
            Long[] chunk = java.util.Arrays.copyOfRange(caseIds, from, Math.min(caseIds.length, from + CHUNK * 5));
            chain = chain.compose(done -> tx.preparedQuery("""
                            SELECT DISTINCT ON (cc.case_id) cc.case_id, e.id, e.status
                              FROM cycle_cases cc JOIN executions e ON e.cycle_case_id = cc.id JOIN test_cycles c ON c.id = cc.cycle_id
                             WHERE cc.case_id = ANY ($2) AND e.status IN ('PASS', 'FAIL')
                             ORDER BY cc.case_id, (cc.cycle_id = $1) DESC, ($3 <> '' AND c.environment = $3) DESC,
                                      COALESCE(e.finished_at, e.updated_at) DESC, e.id DESC""")
                    .execute(Tuple.tuple().addLong(cycleId).addArrayOfLong(chunk).addString(environment == null ? "" : environment))
                    .map(rows -> {
                        rows.forEach(row -> found.put(row.getLong("case_id"), new Previous(row.getLong("id"), RunStatus.valueOf(row.getString("status")))));
                        return null;
                    }));
        }
        return chain.map(found);
    }

    /**
     * A case added to the cycle by hand and not run yet has an empty latest attempt: the import's
     * result takes its place rather than leaving it empty beside a new one.
     */
    private static Future<Void> reuseUntouchedAttempts(SqlClient tx, long cycleId, Long[] caseIds) {
        return tx.preparedQuery("""
                        WITH gone AS (
                            DELETE FROM executions e USING cycle_cases cc
                             WHERE cc.cycle_id = $1 AND cc.case_id = ANY ($2) AND e.cycle_case_id = cc.id AND e.attempt = cc.attempts
                               AND e.status = 'NOT_RUN' AND NOT e.status_set_by_hand AND e.outcome IS NULL
                               AND NOT EXISTS (SELECT 1 FROM step_results r WHERE r.execution_id = e.id)
                               AND NOT EXISTS (SELECT 1 FROM execution_defects d WHERE d.execution_id = e.id)
                               AND NOT EXISTS (SELECT 1 FROM step_attachments a WHERE a.execution_id = e.id)
                            RETURNING e.cycle_case_id)
                        UPDATE cycle_cases SET attempts = attempts - 1 WHERE id IN (SELECT cycle_case_id FROM gone)""")
                .execute(Tuple.tuple().addLong(cycleId).addArrayOfLong(caseIds)).mapEmpty();
    }

    /** Every result as a new attempt (a case new to the cycle joins it at the end); answers how many of each trend. */
    private static Future<Map<Trend, Integer>> insertAll(SqlClient tx, ResultRun run, long importId, long cycleId, int lastPosition,
                                                         Map<Long, Previous> previous) {
        Map<Trend, Integer> trends = new EnumMap<>(Trend.class);
        Future<Void> chain = Future.succeededFuture();
        List<AutomatedResult> results = run.results();
        int from = 0;
        while (from < results.size()) {
            // a statement carries at most CHUNK results and CHUNK_TEXT characters of their details (the message it is encoded into stays small)
            int to = from;
            long text = 0;
            while (to < results.size() && to - from < CHUNK && (to == from || text < CHUNK_TEXT)) {
                text += textLength(results.get(to));
                to++;
            }
            List<AutomatedResult> chunk = results.subList(from, to);
            int firstPosition = lastPosition + from;
            chain = chain.compose(done -> insertChunk(tx, run, importId, cycleId, firstPosition, chunk, previous, trends));
            from = to;
        }
        return chain.map(trends);
    }

    private static long textLength(AutomatedResult result) {
        long length = 0;
        for (String text : new String[] {result.failureMessage(), result.stackTrace(), result.systemOut(), result.systemErr()}) {
            length += text == null ? 0 : text.length();
        }
        return length;
    }

    private static Future<Void> insertChunk(SqlClient tx, ResultRun run, long importId, long cycleId, int firstPosition, List<AutomatedResult> chunk,
                                            Map<Long, Previous> previous, Map<Trend, Integer> trends) {
        int n = chunk.size();
        Long[] caseIds = new Long[n];
        String[] keys = new String[n];
        String[] titles = new String[n];
        Integer[] versions = new Integer[n];
        Integer[] stepCounts = new Integer[n];
        String[] statuses = new String[n];
        String[] outcomes = new String[n];
        Long[] durations = new Long[n];
        String[] types = new String[n];
        String[] messages = new String[n];
        String[] stacks = new String[n];
        String[] outs = new String[n];
        String[] errs = new String[n];
        String[] trendNames = new String[n];
        Long[] previousIds = new Long[n];
        for (int i = 0; i < n; i++) {
            AutomatedResult result = chunk.get(i);
            PinnedCase pinned = result.testCase();
            caseIds[i] = pinned.caseId();
            keys[i] = pinned.key();
            titles[i] = pinned.title();
            versions[i] = pinned.version();
            stepCounts[i] = pinned.stepCount();
            RunStatus status = result.outcome().status();
            statuses[i] = status.name();
            outcomes[i] = result.outcome().value();
            durations[i] = Math.max(0, result.durationMs());
            types[i] = result.failureType();
            messages[i] = result.failureMessage();
            stacks[i] = result.stackTrace();
            outs[i] = result.systemOut();
            errs[i] = result.systemErr();
            Previous before = previous.get(pinned.caseId());
            Trend trend = Trend.of(before == null ? null : before.status(), status);
            trendNames[i] = trend == null ? null : trend.name();
            if (trend != null) {
                trends.merge(trend, 1, Integer::sum);
            }
            previousIds[i] = before == null ? null : before.executionId();
        }
        return tx.preparedQuery("""
                        WITH input AS (
                            SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::bigint[],
                                                 $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::bigint[])
                                   WITH ORDINALITY AS i (case_id, case_key, case_title, case_version, step_count, status, outcome, duration_ms,
                                                         failure_type, failure_message, stack_trace, system_out, system_err, trend, previous_id, ord)),
                        placed AS (
                            INSERT INTO cycle_cases AS c (cycle_id, case_id, case_key, case_title, case_version, step_count, position, status, attempts)
                            SELECT $1, case_id, case_key, case_title, case_version, step_count, $2 + ord, status, 1 FROM input ORDER BY ord
                            ON CONFLICT (cycle_id, case_id) DO UPDATE SET attempts = c.attempts + 1, status = EXCLUDED.status,
                                   case_version = EXCLUDED.case_version, case_title = EXCLUDED.case_title, step_count = EXCLUDED.step_count
                            RETURNING c.id, c.case_id, c.attempts)
                        INSERT INTO executions (cycle_case_id, attempt, case_version, status, started_at, finished_at, executed_by, outcome, duration_ms,
                                                failure_type, failure_message, stack_trace, system_out, system_err, trend, previous_execution_id, import_id)
                        SELECT p.id, p.attempts, i.case_version, i.status,
                               CASE WHEN i.status <> 'NOT_RUN' THEN now() - make_interval(secs => i.duration_ms / 1000.0) END,
                               CASE WHEN i.status <> 'NOT_RUN' THEN now() END,
                               $18, i.outcome, i.duration_ms, i.failure_type, i.failure_message, i.stack_trace, i.system_out, i.system_err,
                               i.trend, i.previous_id, $19
                          FROM placed p JOIN input i ON i.case_id = p.case_id""")
                .execute(Tuple.tuple().addLong(cycleId).addInteger(firstPosition).addArrayOfLong(caseIds).addArrayOfString(keys)
                        .addArrayOfString(titles).addArrayOfInteger(versions).addArrayOfInteger(stepCounts).addArrayOfString(statuses)
                        .addArrayOfString(outcomes).addArrayOfLong(durations).addArrayOfString(types).addArrayOfString(messages)
                        .addArrayOfString(stacks).addArrayOfString(outs).addArrayOfString(errs).addArrayOfString(trendNames)
                        .addArrayOfLong(previousIds).addValue(run.actor().userId()).addLong(importId))
                .mapEmpty();
    }

    /**
     * A test that keeps failing keeps its defects: the open defects (not closed in Jira, not gone) of
     * its previous failing attempt are linked to the new one too, marked as carried from there.
     */
    private static Future<Integer> carryKnownDefects(SqlClient tx, long importId) {
        return tx.preparedQuery("""
                        INSERT INTO execution_defects (execution_id, instance_id, jira_key, jira_id, summary, status, assignee, checked_at,
                                                       linked_by, carried_from)
                        SELECT e.id, d.instance_id, d.jira_key, d.jira_id, d.summary, d.status, d.assignee, d.checked_at, d.linked_by, d.id
                          FROM executions e JOIN execution_defects d ON d.execution_id = e.previous_execution_id
                         WHERE e.import_id = $1 AND e.trend = 'STILL_FAILING' AND NOT d.not_found
                           AND lower(COALESCE(d.status, '')) NOT IN (""" + CLOSED_STATUSES + """
                        )
                        ON CONFLICT (execution_id, instance_id, jira_key) DO NOTHING""")
                .execute(Tuple.of(importId)).map(rows -> rows.rowCount());
    }

    private static JsonObject answer(ResultRun run, long importId, JsonObject cycle, Map<Trend, Integer> trends, int carried) {
        JsonObject statuses = new JsonObject();
        JsonObject outcomes = new JsonObject();
        for (TestOutcome outcome : TestOutcome.values()) {
            outcomes.put(outcome.value(), 0);
        }
        for (RunStatus status : List.of(RunStatus.PASS, RunStatus.FAIL, RunStatus.NOT_RUN)) {
            statuses.put(status.name(), 0);
        }
        long duration = 0;
        for (AutomatedResult result : run.results()) {
            outcomes.put(result.outcome().value(), outcomes.getInteger(result.outcome().value()) + 1);
            String status = result.outcome().status().name();
            statuses.put(status, statuses.getInteger(status) + 1);
            duration += Math.max(0, result.durationMs());
        }
        JsonObject trend = new JsonObject();
        for (Trend one : Trend.values()) {
            trend.put(one.name(), trends.getOrDefault(one, 0));
        }
        return run.report().copy().put("importId", importId).put("cycle", cycle).put("tests", run.results().size())
                .put("statuses", statuses).put("outcomes", outcomes).put("trends", trend).put("knownDefectsCarried", carried)
                .put("durationMs", duration);
    }

    private static JsonObject cycleJson(Row row, boolean created) {
        return new JsonObject().put("id", row.getLong("id")).put("name", row.getString("name")).put("build", row.getString("build"))
                .put("environment", row.getString("environment")).put("created", created);
    }

    private static JsonObject json(Object value) {
        return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
    }

    /** How a result compares with the test's previous one. */
    enum Trend {
        NEW_FAILURE, STILL_FAILING, FIXED;

        static Trend of(RunStatus before, RunStatus now) {
            if (now == RunStatus.FAIL) {
                return before == RunStatus.FAIL ? STILL_FAILING : NEW_FAILURE;
            }
            return now == RunStatus.PASS && before == RunStatus.FAIL ? FIXED : null;
        }
    }
}
