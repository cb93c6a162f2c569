package io.testbridge.cycles;

import io.testbridge.db.SqlErrors;
import io.testbridge.errors.Failure;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.JiraIssues;
import io.testbridge.jira.JiraSite;
import io.testbridge.testcases.CaseContent;
import io.testbridge.testcases.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Jira issues raised from failed steps or linked to attempts: a draft of the defect (summary
 * and description written from the case, the results and the cycle), the link (read from Jira as
 * the tester, with a link back from Jira to the attempt), and their live status.
 */
final class DefectService {
    private static final Logger LOG = LoggerFactory.getLogger(DefectService.class);
    private static final Duration STATUS_CACHE = Duration.ofSeconds(60);
    private static final int JIRA_CONCURRENCY = 5;
    private static final String COLUMNS = "d.id, d.execution_id, d.step_id, d.instance_id, d.jira_key, d.summary, d.status, d.assignee, "
            + "d.not_found, d.checked_at, d.carried_from, e.attempt, cc.id AS cycle_case_id, cc.case_key, "
            + "(SELECT count(*) FROM defect_evidence de WHERE de.defect_id = d.id AND de.jira_attachment_id IS NOT NULL) AS evidence_in_jira";
    /** A claim older than this whose file never reached Jira (the node stopped mid-way) may be taken again. */
    private static final String STALE_CLAIM = "10 minutes";

    private final Pool pool;
    private final CycleService cycles;
    private final ExecutionService executions;
    private final Integrations integrations;
    private final JiraIssues jira;
    private final Supplier<URI> publicUrl;
    private final java.time.Clock clock;

    DefectService(Pool pool, java.time.Clock clock, CycleService cycles, ExecutionService executions, Integrations integrations, JiraIssues jira,
                  Supplier<URI> publicUrl) {
        this.pool = pool;
        this.clock = clock;
        this.cycles = cycles;
        this.executions = executions;
        this.integrations = integrations;
        this.jira = jira;
        this.publicUrl = publicUrl;
    }

    /**
     * What a defect raised from this attempt says: from its failed step, or (no step named) from an
     * automated result's failure; with the known defects the SPA offers instead of a duplicate. Only
     * an automated result's draft has known defects: a step's draft answers none (a defect on step 2
     * is not one for step 5, and a manual attempt carries nothing from its previous failure).
     */
    Future<JsonObject> draft(long cycleId, long executionId, String stepId) {
        Future<JsonObject> cycle = cycles.get(cycleId);
        Future<JsonObject> attempt = executions.detail(cycleId, executionId);
        Future<JsonArray> known = stepId == null ? knownDefects(executionId) : Future.succeededFuture(new JsonArray());
        return Future.all(cycle, attempt, known).map(all -> {
            JsonObject draft = attempt.result().getJsonObject("automated") != null && stepId == null
                    ? automatedDraft(cycle.result(), attempt.result(), cycleId) : stepDraft(cycle.result(), attempt.result(), cycleId, stepId);
            return draft.put("knownDefects", known.result());
        });
    }

    /**
     * What a defect raised from a failed automated result says: "[KEY] test – failed", and a
     * description with the build and environment, the failure's type and message, the stack trace
     * (the bounded part kept) and where to see the result.
     */
    private JsonObject automatedDraft(JsonObject cycle, JsonObject run, long cycleId) {
        JsonObject automated = run.getJsonObject("automated");
        String summary = "[" + run.getString("key") + "] " + run.getString("title") + " – " + automated.getString("outcome");
        StringBuilder text = new StringBuilder();
        text.append("Found by the automated test ").append(run.getString("key")).append(" \"").append(run.getString("title"))
                .append("\" (attempt ").append(run.getInteger("attempt")).append(") in the test cycle \"").append(cycle.getString("name")).append("\".\n");
        String build = cycle.getString("build");
        String environment = cycle.getString("environment");
        if (!build.isBlank() || !environment.isBlank()) {
            text.append("Build: ").append(build.isBlank() ? "-" : build).append(". Environment: ").append(environment.isBlank() ? "-" : environment).append(".\n");
        }
        if (automated.getString("trend") != null) {
            text.append("Trend: ").append(automated.getString("trend").toLowerCase(Locale.ROOT).replace('_', ' ')).append(".\n");
        }
        String type = automated.getString("failureType");
        text.append("\nFailure").append(type == null || type.isBlank() ? "" : " (" + type + ")").append(":\n")
                .append(blankAs(automated.getString("failureMessage"), "(no message)")).append('\n');
        String stack = automated.getString("stackTrace");
        if (stack != null && !stack.isBlank()) {
            text.append("\nStack trace:\n").append(stack.strip()).append('\n');
        }
        text.append("\nTest run in Testbridge: ").append(runUrl(cycle.getLong("projectId"), cycleId, run.getLong("cycleCaseId"))).append('\n');
        return new JsonObject().put("summary", summary.length() > 255 ? summary.substring(0, 254) + "…" : summary).put("description", text.toString())
                .put("stepsToReproduce", "Run the automated test " + run.getString("title") + ".");
    }

    /**
     * The open defects already linked to this attempt (carried over from the test's previous
     * failure, or linked by hand) or to the failing attempt before it: the SPA offers them instead
     * of raising a duplicate. As last read from Jira (the attempt's view refreshes them).
     */
    private Future<JsonArray> knownDefects(long executionId) {
        return pool.preparedQuery("SELECT DISTINCT ON (d.instance_id, d.jira_key) " + COLUMNS + " FROM execution_defects d "
                        + "JOIN executions e ON e.id = d.execution_id JOIN cycle_cases cc ON cc.id = e.cycle_case_id "
                        + "WHERE (d.execution_id = $1 OR d.execution_id = (SELECT x.previous_execution_id FROM executions x WHERE x.id = $1 AND x.trend = 'STILL_FAILING')) "
                        + "AND NOT d.not_found AND lower(COALESCE(d.status, '')) NOT IN (" + ResultRecorder.CLOSED_STATUSES + ") "
                        + "ORDER BY d.instance_id, d.jira_key, (d.execution_id = $1) DESC")
                .execute(Tuple.of(executionId))
                .compose(this::defectsOf);
    }

    /**
     * What a defect raised from this failed step says: "[KEY] title – step n failed", and a
     * description with the build and environment, the precondition, the steps up to the failed one,
     * expected and actual, and where to see the attempt. Plain text: Testbridge sends it as ADF to Jira Cloud.
     */
    private JsonObject stepDraft(JsonObject cycleJson, JsonObject run, long cycleId, String stepId) {
        JsonArray steps = run.getJsonArray("steps");
        int failedIndex = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.getJsonObject(i).getString("id").equalsIgnoreCase(String.valueOf(stepId))) {
                failedIndex = i;
            }
        }
        if (stepId == null) {
            throw Failure.invalid("stepId", "Name the failed step (stepId) the defect is raised from.");
        }
        if (failedIndex < 0) {
            throw Failure.invalid("stepId", "The case, as this attempt runs it, has no step " + stepId + ".");
        }
        JsonObject failed = steps.getJsonObject(failedIndex);
        String summary = "[" + run.getString("key") + "] " + run.getString("title") + " – step " + (failedIndex + 1) + " failed";
        StringBuilder text = new StringBuilder();
        text.append("Found while running ").append(run.getString("key")).append(" \"").append(run.getString("title")).append("\" (version ")
                .append(run.getInteger("version")).append(", attempt ").append(run.getInteger("attempt")).append(") in the test cycle \"")
                .append(cycleJson.getString("name")).append("\".\n");
        String build = cycleJson.getString("build");
        String environment = cycleJson.getString("environment");
        if (!build.isBlank() || !environment.isBlank()) {
            text.append("Build: ").append(build.isBlank() ? "-" : build).append(". Environment: ").append(environment.isBlank() ? "-" : environment).append(".\n");
        }
        String precondition = run.getString("precondition");
        if (!precondition.isBlank()) {
            text.append("\nPrecondition:\n").append(precondition.strip()).append('\n');
        }
        StringBuilder reproduce = new StringBuilder();
        for (int i = 0; i <= failedIndex; i++) {
            JsonObject step = steps.getJsonObject(i);
            reproduce.append(i + 1).append(". ").append(step.getString("action").strip());
            if (!step.getString("data").isBlank()) {
                reproduce.append(" (data: ").append(step.getString("data").strip()).append(')');
            }
            reproduce.append(i == failedIndex ? " ← fails here" : "").append('\n');
        }
        reproduce.append("\nExpected result:\n").append(blankAs(failed.getString("expected"), "(none written)")).append('\n');
        reproduce.append("\nActual result:\n").append(blankAs(failed.getString("actual"), "(describe what happened)")).append('\n');
        text.append("\nSteps to reproduce:\n").append(reproduce);
        text.append("\nTest run in Testbridge: ").append(runUrl(cycleJson.getLong("projectId"), cycleId, run.getLong("cycleCaseId"))).append('\n');
        // stepsToReproduce: for an issue type with a field of its own for them (a multi-line "Steps to reproduce")
        return new JsonObject().put("summary", summary.length() > 255 ? summary.substring(0, 254) + "…" : summary).put("description", text.toString())
                .put("stepsToReproduce", reproduce.toString().strip());
    }

    /**
     * Links a Jira issue (raised just now, or found) to an attempt and, optionally, one of its steps,
     * after reading it from Jira as the user; Jira gets a link back to the attempt. A link back Jira
     * refuses does not undo the link: the answer says so.
     */
    Future<JsonObject> link(long cycleId, long executionId, String stepId, long instanceId, String key, long userId) {
        String issueKey = key.toUpperCase(Locale.ROOT);
        return ExecutionService.attempt(pool, cycleId, executionId).compose(row -> {
            Future<Void> stepChecked = stepId == null ? Future.succeededFuture()
                    : executions.content(row.getLong("case_id"), row.getInteger("case_version")).compose(content -> hasStep(content, stepId)
                            ? Future.succeededFuture() : Future.failedFuture(Failure.invalid("stepId", "The case, as this attempt runs it, has no step " + stepId + ".")));
            return stepChecked.compose(ok -> integrations.get(instanceId)).map(JiraInstance::site).compose(site -> jira.get(userId, site, issueKey)
                    .compose(found -> {
                        if (found.isEmpty()) {
                            return Future.failedFuture(Failure.invalid("key", "Jira has no issue " + issueKey + " (or you cannot see it)."));
                        }
                        JiraIssues.IssueSummary issue = found.get();
                        return pool.preparedQuery("""
                                        INSERT INTO execution_defects (execution_id, step_id, instance_id, jira_key, jira_id, summary, status, assignee,
                                                                       checked_at, linked_by)
                                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $9)
                                        ON CONFLICT (execution_id, instance_id, jira_key) DO UPDATE SET step_id = COALESCE($2, execution_defects.step_id),
                                               summary = $6, status = $7, assignee = $8, not_found = false, checked_at = $10
                                        RETURNING id""")
                                .execute(Tuple.from(new Object[] {executionId, stepId == null ? null : UUID.fromString(stepId), instanceId, issue.key(),
                                        issue.id(), issue.summary(), issue.status(), issue.assignee(), userId, checkedNow()}))
                                .compose(rows -> linkBack(userId, site, issue.key(), cycleId, row).map(linkedBack -> rows.iterator().next().getLong(0)))
                                .compose(id -> one(id).map(defect -> defect.put("linkedBack", true)));
                    }));
        }).recover(error -> Future.failedFuture(SqlErrors.is(error, SqlErrors.FOREIGN_KEY_VIOLATION) ? Failure.notFound("That attempt is gone.") : error));
    }

    /** The link from the Jira issue back to the attempt; best effort (logged when Jira refuses). */
    private Future<Boolean> linkBack(long userId, JiraSite site, String key, long cycleId, Row attempt) {
        return cycles.projectOf(cycleId).compose(projectId -> jira.addRemoteLink(userId, site, key, "testbridge-execution-" + attempt.getLong("id"),
                        runUrl(projectId, cycleId, attempt.getLong("cycle_case_id")),
                        "Testbridge: " + attempt.getString("case_key") + " " + attempt.getString("case_title") + " (attempt " + attempt.getInteger("attempt") + ")"))
                .map(true)
                .otherwise(failure -> {
                    LOG.info("event=remote_link_refused jira_key={} reason={}", key, failure.getMessage());
                    return false;
                });
    }

    Future<Void> unlink(long cycleId, long defectId) {
        return pool.preparedQuery("""
                        DELETE FROM execution_defects d USING executions e, cycle_cases cc
                         WHERE d.id = $1 AND e.id = d.execution_id AND cc.id = e.cycle_case_id AND cc.cycle_id = $2""")
                .execute(Tuple.of(defectId, cycleId))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Failure.notFound("There is no such defect in cycle " + cycleId + "."))
                        : Future.<Void>succeededFuture());
    }

    /**
     * Sends the evidence of the defect's step (or of its whole attempt) to the Jira issue, one file
     * at a time, as the user. Each file is first claimed for the defect, so two requests at once
     * never attach it twice; a file Jira refuses is released for the next try, and the answer is
     * that failure (the files sent before it stay recorded).
     */
    Future<JsonObject> sendEvidence(long cycleId, long defectId, long userId) {
        return pool.preparedQuery("""
                        SELECT d.execution_id, d.step_id, d.instance_id, d.jira_key FROM execution_defects d
                          JOIN executions e ON e.id = d.execution_id JOIN cycle_cases cc ON cc.id = e.cycle_case_id
                         WHERE d.id = $1 AND cc.cycle_id = $2""").execute(Tuple.of(defectId, cycleId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.notFound("There is no such defect in cycle " + cycleId + "."));
                    }
                    Row defect = rows.iterator().next();
                    return integrations.get(defect.getLong("instance_id")).map(JiraInstance::site).compose(site -> pool.preparedQuery("""
                                    INSERT INTO defect_evidence (defect_id, attachment_id)
                                    SELECT $1, a.id FROM step_attachments a WHERE a.execution_id = $2 AND ($3::uuid IS NULL OR a.step_id = $3)
                                    ON CONFLICT (defect_id, attachment_id) DO UPDATE SET claimed_at = now()
                                     WHERE defect_evidence.jira_attachment_id IS NULL AND defect_evidence.claimed_at < now() - interval '""" + STALE_CLAIM + "'"
                                    + " RETURNING attachment_id")
                            .execute(Tuple.of(defectId, defect.getLong("execution_id"), defect.getUUID("step_id")))
                            .compose(claimed -> {
                                List<Long> ids = new ArrayList<>();
                                claimed.forEach(row -> ids.add(row.getLong(0)));
                                ids.sort(null);
                                return sendClaimed(defectId, ids, 0, new JsonArray(), userId, site, defect.getString("jira_key"))
                                        .recover(failure -> pool.preparedQuery("""
                                                        DELETE FROM defect_evidence WHERE defect_id = $1 AND jira_attachment_id IS NULL AND attachment_id = ANY($2)""")
                                                .execute(Tuple.of(defectId, ids.toArray(Long[]::new)))
                                                .transform(released -> Future.failedFuture(failure)));
                            }));
                })
                .compose(sent -> pool.preparedQuery("SELECT count(*) FROM defect_evidence WHERE defect_id = $1 AND jira_attachment_id IS NOT NULL")
                        .execute(Tuple.of(defectId)).map(rows -> new JsonObject().put("sent", sent).put("evidenceInJira", rows.iterator().next().getLong(0))));
    }

    private Future<JsonArray> sendClaimed(long defectId, List<Long> claimed, int next, JsonArray sent, long userId, JiraSite site, String key) {
        if (next == claimed.size()) {
            return Future.succeededFuture(sent);
        }
        long attachmentId = claimed.get(next);
        return pool.preparedQuery("SELECT filename, content_type, data FROM step_attachments WHERE id = $1").execute(Tuple.of(attachmentId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return sendClaimed(defectId, claimed, next + 1, sent, userId, site, key);   // deleted meanwhile
                    }
                    Row file = rows.iterator().next();
                    return jira.addAttachment(userId, site, key, file.getString("filename"), file.getString("content_type"), file.getBuffer("data"))
                            .compose(jiraId -> pool.preparedQuery("UPDATE defect_evidence SET jira_attachment_id = $3 WHERE defect_id = $1 AND attachment_id = $2")
                                    .execute(Tuple.of(defectId, attachmentId, jiraId)))
                            .compose(done -> sendClaimed(defectId, claimed, next + 1, sent.add(file.getString("filename")), userId, site, key));
                });
    }

    /** The cycle's defects, their Jira status refreshed as the viewer when older than a minute (kept as they were when Jira cannot say). */
    Future<JsonArray> ofCycle(long cycleId, long viewerId) {
        return cycles.get(cycleId).compose(cycle -> listAndRefresh("cc.cycle_id = $1", cycleId, viewerId));
    }

    Future<JsonArray> ofAttempt(long cycleId, long executionId, long viewerId) {
        return ExecutionService.attempt(pool, cycleId, executionId).compose(row -> listAndRefresh("d.execution_id = $1", executionId, viewerId));
    }

    private Future<JsonArray> listAndRefresh(String condition, long id, long viewerId) {
        String sql = "SELECT " + COLUMNS + " FROM execution_defects d JOIN executions e ON e.id = d.execution_id "
                + "JOIN cycle_cases cc ON cc.id = e.cycle_case_id WHERE " + condition + " ORDER BY d.linked_at, d.id";
        return pool.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> {
            List<Row> stale = new ArrayList<>();
            rows.forEach(row -> {
                if (row.getOffsetDateTime("checked_at") == null || row.getOffsetDateTime("checked_at").toInstant()
                        .isBefore(clock.instant().minus(STATUS_CACHE))) {
                    stale.add(row);
                }
            });
            return refresh(stale, viewerId).compose(done -> pool.preparedQuery(sql).execute(Tuple.of(id)));
        }).compose(this::defectsOf);
    }

    /** The defects of these rows as the API shows them, each with its instance's links (one door call for all instances). */
    private Future<JsonArray> defectsOf(RowSet<Row> rows) {
        List<Long> instanceIds = new ArrayList<>();
        rows.forEach(row -> instanceIds.add(row.getLong("instance_id")));
        return integrations.getAll(instanceIds.stream().distinct().toList()).map(instances -> {
            Map<Long, JiraSite> sites = new HashMap<>();
            instances.forEach(instance -> sites.put(instance.id(), instance.site()));
            JsonArray items = new JsonArray();
            rows.forEach(row -> items.add(json(row, sites.get(row.getLong("instance_id")))));
            return items;
        });
    }

    private Future<Void> refresh(List<Row> stale, long viewerId) {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < stale.size(); from += JIRA_CONCURRENCY) {
            List<Row> batch = stale.subList(from, Math.min(stale.size(), from + JIRA_CONCURRENCY));
            chain = chain.compose(done -> Future.join(batch.stream().map(row -> refreshOne(row, viewerId)).toList()).<Void>mapEmpty().otherwiseEmpty());
        }
        return chain;
    }

    private Future<Void> refreshOne(Row row, long viewerId) {
        return integrations.get(row.getLong("instance_id")).map(JiraInstance::site)
                .compose(site -> jira.get(viewerId, site, row.getString("jira_key")))
                .compose(found -> found.isEmpty()
                        ? pool.preparedQuery("UPDATE execution_defects SET not_found = true, checked_at = $2 WHERE id = $1")
                                .execute(Tuple.of(row.getLong("id"), checkedNow())).<Void>mapEmpty()
                        : pool.preparedQuery("""
                                UPDATE execution_defects SET summary = $2, status = $3, assignee = $4, not_found = false, checked_at = $5 WHERE id = $1""")
                        .execute(Tuple.of(row.getLong("id"), found.get().summary(), found.get().status(), found.get().assignee(), checkedNow())).<Void>mapEmpty())
                .otherwiseEmpty();
    }

    private Future<JsonObject> one(long defectId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM execution_defects d JOIN executions e ON e.id = d.execution_id "
                        + "JOIN cycle_cases cc ON cc.id = e.cycle_case_id WHERE d.id = $1").execute(Tuple.of(defectId))
                .compose(rows -> integrations.get(rows.iterator().next().getLong("instance_id"))
                        .map(instance -> json(rows.iterator().next(), instance.site())));
    }

    private static JsonObject json(Row row, JiraSite site) {
        UUID stepId = row.getUUID("step_id");
        return new JsonObject().put("id", row.getLong("id")).put("executionId", row.getLong("execution_id"))
                .put("cycleCaseId", row.getLong("cycle_case_id")).put("caseKey", row.getString("case_key")).put("attempt", row.getInteger("attempt"))
                .put("stepId", stepId == null ? null : stepId.toString()).put("instanceId", row.getLong("instance_id"))
                .put("instanceName", site == null ? null : site.name()).put("key", row.getString("jira_key"))
                .put("url", site == null ? null : site.browseUrl(row.getString("jira_key")))
                .put("summary", row.getString("summary")).put("status", row.getString("status")).put("assignee", row.getString("assignee"))
                .put("notFound", row.getBoolean("not_found")).put("checkedAt", CycleService.instant(row.getOffsetDateTime("checked_at")))
                .put("evidenceInJira", row.getLong("evidence_in_jira"))
                .put("carriedFrom", row.getLong("carried_from")).put("known", row.getLong("carried_from") != null);
    }

    /** When Jira was asked, on the application's clock (the one the status cache is judged by). */
    private java.time.OffsetDateTime checkedNow() {
        return java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    private String runUrl(long projectId, long cycleId, long cycleCaseId) {
        return publicUrl.get() + "/projects/" + projectId + "/cycles/" + cycleId + "/run?case=" + cycleCaseId;
    }

    private static boolean hasStep(CaseContent content, String stepId) {
        return content.steps().stream().map(Step::id).anyMatch(id -> id.equalsIgnoreCase(stepId));
    }

    private static String blankAs(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }
}
