package io.testbridge.testmgmt;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.testbridge.jira.Adf;
import io.testbridge.jira.Deployment;
import io.testbridge.integrations.Integrations;
import io.testbridge.jira.JiraSite;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.JiraClient;
import io.testbridge.jira.JiraFieldValues;
import io.testbridge.jira.JiraIssues;
import io.testbridge.jira.JiraAuthRequired;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Local issues created in Jira as the tester. What the tester typed is stored first and kept
 * whatever Jira answers; a failed draft can be fixed and retried. Each draft carries a marker that
 * is written into the Jira issue, so a retry after an unknown outcome (a timeout after Jira may
 * have created it) finds the issue instead of creating a second one.
 */
final class IssueService {
    private static final Logger LOG = LoggerFactory.getLogger(IssueService.class);
    private static final String COLUMNS = "id, project_id, instance_id, jira_project, issue_type_id, issue_type_name, summary, description, "
            + "fields, marker, state, last_error, jira_id, jira_key, jira_url, jira_status, jira_checked_at, created_by, created_at, updated_at";
    private static final Duration STATUS_CACHE = Duration.ofSeconds(60);
    /**
     * How long Jira's search may take to find an issue just created (Cloud's search is eventually
     * consistent; its index usually catches up within seconds). Until an uncertain create is older
     * than the Jira timeout (thrice, for a request Jira was still working on) plus this, a Retry that
     * does not find its marker waits instead of creating the issue again.
     */
    private static final Duration SEARCH_LAG = Duration.ofSeconds(60);
    /** Stale statuses refreshed per instance and list: one Jira call, so the list stays quick. */
    private static final int STATUS_REFRESH_KEYS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Clock clock;
    private final ProjectService projects;
    private final Integrations integrations;
    private final JiraClient jira;
    private final JiraIssues jiraIssues;
    private final Duration unknownOutcomeGrace;
    // on the module verticle's context only: a plain map
    private final Map<Long, Future<JsonObject>> submitting = new HashMap<>();

    IssueService(Pool pool, Clock clock, ProjectService projects, Integrations integrations, JiraClient jira,
                        JiraIssues jiraIssues, Duration jiraTimeout) {
        this.pool = pool;
        this.clock = clock;
        this.projects = projects;
        this.integrations = integrations;
        this.jira = jira;
        this.jiraIssues = jiraIssues;
        this.unknownOutcomeGrace = jiraTimeout.multipliedBy(3).plus(SEARCH_LAG);
    }

    /** Stores the draft, then creates it in Jira; answers the issue in whatever state that left it. */
    public Future<JsonObject> create(long projectId, JsonObject input, long userId) {
        return projects.get(projectId)
                .compose(project -> site(input.getLong("instanceId")))
                .compose(instance -> jira.requireConnection(userId, instance))
                .compose(connected -> pool.preparedQuery("""
                                INSERT INTO issues (project_id, instance_id, jira_project, issue_type_id, issue_type_name, summary, description,
                                                    fields, marker, state, created_by)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'DRAFT', $10) RETURNING id""")
                        .execute(Tuple.from(new Object[] {projectId, input.getLong("instanceId"), input.getString("jiraProject").strip(),
                                input.getString("issueTypeId"), input.getString("issueTypeName"), input.getString("summary").strip(),
                                input.getString("description", ""), input.getJsonObject("fields", new JsonObject()), newMarker(), userId})))
                .compose(rows -> submit(rows.iterator().next().getLong(0), userId));
    }

    /** Only the draft's author changes it: what is submitted goes to Jira under the author's identity. */
    public Future<JsonObject> updateDraft(long id, JsonObject patch, long userId) {
        return requireAuthor(id, userId).compose(mine -> load(id)).compose(row -> {
            if ("CREATED".equals(row.getString("state"))) {
                return Future.failedFuture(Failure.conflict(null, "This issue is in Jira already (" + row.getString("jira_key") + "); change it there."));
            }
            return pool.preparedQuery("""
                            UPDATE issues SET summary = COALESCE($2, summary), description = COALESCE($3, description),
                                   fields = COALESCE($4, fields), updated_at = now() WHERE id = $1""")
                    .execute(Tuple.of(id, patch.getString("summary"), patch.getString("description"), patch.getJsonObject("fields")))
                    .compose(done -> load(id)).map(IssueService::json);
        });
    }

    /**
     * Creates the draft in Jira now, as its author only; one submission per issue at a time. The
     * state is read inside the single flight, so a submission after another finished sees its outcome.
     */
    public Future<JsonObject> submit(long id, long userId) {
        return requireAuthor(id, userId).compose(mine -> {
            Future<JsonObject> running = submitting.get(id);
            if (running != null) {
                return running;
            }
            Future<JsonObject> attempt = load(id).compose(row -> submitRow(row, userId));
            submitting.put(id, attempt);
            return attempt.andThen(done -> submitting.remove(id, attempt));
        });
    }

    /**
     * Another user's issue is not found, as if it did not exist (administrators included: they see
     * drafts in the list, but a draft edited or sent by someone else would reach Jira as its author).
     */
    private Future<Void> requireAuthor(long id, long userId) {
        return pool.preparedQuery("SELECT 1 FROM issues WHERE id = $1 AND created_by = $2").execute(Tuple.of(id, userId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("There is no issue " + id + "."))
                        : Future.<Void>succeededFuture());
    }

    private Future<JsonObject> submitRow(Row row, long userId) {
        long id = row.getLong("id");
        String state = row.getString("state");
        if ("CREATED".equals(state)) {
            return Future.succeededFuture(json(row));
        }
        return site(row.getLong("instance_id")).compose(instance -> {
            if (!"UNKNOWN".equals(state)) {
                return createInJira(row, instance, userId);
            }
            // the last attempt may have created it: look for the marker before creating anything
            return jiraIssues.searchJql(userId, instance, "project = " + JiraIssues.jqlString(row.getString("jira_project"))
                            + " AND text ~ " + JiraIssues.jqlString(row.getString("marker")), null, 5)
                    .compose(page -> {
                        if (!page.issues().isEmpty()) {
                            JiraIssues.IssueSummary found = page.issues().get(0);
                            LOG.info("event=issue_found_after_unknown_outcome issue_id={} jira_key={}", id, found.key());
                            return markCreated(id, found.id(), found.key(), found.url(), found.status());
                        }
                        Duration unsureFor = Duration.between(now(), row.getOffsetDateTime("updated_at").plus(unknownOutcomeGrace));
                        if (!unsureFor.isNegative() && !unsureFor.isZero()) {
                            long seconds = Math.max(1, unsureFor.toSeconds());
                            return Future.failedFuture(new Failure(ErrorCode.CONFLICT, "Jira may still be creating this issue, or not list it yet; "
                                    + "try again in " + seconds + " s (Testbridge looks for it first, so it will not be created twice).",
                                    null, Duration.ofSeconds(seconds)));
                        }
                        return createInJira(row, instance, userId);
                    });
        });
    }

    private Future<JsonObject> createInJira(Row row, JiraSite instance, long userId) {
        long id = row.getLong("id");
        String project = row.getString("jira_project");
        String issueType = row.getString("issue_type_id");
        JsonObject values = row.getJsonObject("fields");
        return jiraIssues.fields(userId, instance, project, issueType).compose(meta -> {
            JsonObject fieldErrors = new JsonObject();
            JsonObject fields = new JsonObject()
                    .put("project", new JsonObject().put("key", project))
                    .put("issuetype", new JsonObject().put("id", issueType))
                    .put("summary", row.getString("summary"))
                    .put("description", description(instance, row.getString("description"), row.getString("marker")));
            for (int i = 0; i < meta.size(); i++) {
                JsonObject field = meta.getJsonObject(i);
                String fieldId = field.getString("fieldId");
                if (JiraFieldValues.HANDLED_BY_DIALOG.contains(fieldId)) {
                    continue;
                }
                Object value = values.getValue(fieldId);
                if (value == null || (value instanceof String text && text.isBlank()) || (value instanceof JsonArray array && array.isEmpty())) {
                    if (field.getBoolean("required") && !field.getBoolean("hasDefaultValue")) {
                        fieldErrors.put(fieldId, field.getString("name") + " is required.");
                    }
                    continue;
                }
                try {
                    fields.put(fieldId, JiraFieldValues.jiraValue(field, value, instance.deployment(), "fields." + fieldId));
                } catch (Failure bad) {
                    fieldErrors.put(fieldId, bad.getMessage());
                }
            }
            if (!fieldErrors.isEmpty()) {
                return markFailed(id, "Fill in the fields Jira requires for this issue type.", fieldErrors);
            }
            return jiraIssues.create(userId, instance, fields)
                    .compose(created -> jiraIssues.get(userId, instance, created.getString("key"))
                            .map(summary -> summary.map(JiraIssues.IssueSummary::status).orElse(null))
                            .otherwise((String) null)
                            .compose(status -> markCreated(id, created.getString("id"), created.getString("key"),
                                    instance.browseUrl(created.getString("key")), status)));
        }).recover(failure -> {
            if (failure instanceof JiraAuthRequired) {
                return Future.failedFuture(failure);
            }
            if (failure instanceof JiraIssues.JiraFieldErrors refused) {
                return markFailed(id, refused.getMessage(), refused.fields());
            }
            if (failure instanceof Failure api && (api.code() == ErrorCode.JIRA_UNAVAILABLE)) {
                return markUnknown(id, api.getMessage());
            }
            if (failure instanceof Failure api) {
                return markFailed(id, api.getMessage(), new JsonObject());
            }
            return Future.failedFuture(failure);
        });
    }

    /** Atlassian Document Format on Cloud (REST v3), plain text on Data Center (v2); the marker ends it. */
    private static Object description(JiraSite instance, String text, String marker) {
        String withFooter = (text == null || text.isBlank() ? "" : text + "\n\n") + "Created from Testbridge (" + marker + ")";
        return instance.deployment() == Deployment.DATA_CENTER ? withFooter : Adf.fromPlainText(withFooter);
    }

    private Future<JsonObject> markCreated(long id, String jiraId, String key, String url, String status) {
        return pool.preparedQuery("""
                        UPDATE issues SET state = 'CREATED', last_error = NULL, jira_id = $2, jira_key = $3, jira_url = $4, jira_status = $5,
                               jira_checked_at = $6, updated_at = $6 WHERE id = $1""")
                .execute(Tuple.of(id, jiraId, key, url, status, now()))
                .compose(done -> load(id)).map(IssueService::json);
    }

    private Future<JsonObject> markFailed(long id, String message, JsonObject fieldErrors) {
        return setError(id, "FAILED", new JsonObject().put("message", message).put("fields", fieldErrors));
    }

    private Future<JsonObject> markUnknown(long id, String message) {
        return setError(id, "UNKNOWN", new JsonObject().put("message", message
                + " Jira may or may not have created the issue; Retry checks Jira first and never creates it twice.").put("fields", new JsonObject()));
    }

    private Future<JsonObject> setError(long id, String state, JsonObject error) {
        return pool.preparedQuery("UPDATE issues SET state = $2, last_error = $3, updated_at = $4 WHERE id = $1")
                .execute(Tuple.of(id, state, error, now()))
                .compose(done -> load(id)).map(IssueService::json);
    }

    /** The project's issues; Jira statuses older than a minute are refreshed as the viewer, when they can be. */
    public Future<JsonArray> list(long projectId, long userId) {
        return projects.get(projectId)
                .compose(project -> pool.preparedQuery("SELECT " + COLUMNS + " FROM issues WHERE project_id = $1 ORDER BY created_at DESC, id DESC")
                        .execute(Tuple.of(projectId)))
                .compose(rows -> {
                    Map<Long, List<String>> staleKeys = new HashMap<>();
                    for (Row row : rows) {
                        OffsetDateTime checked = row.getOffsetDateTime("jira_checked_at");
                        if ("CREATED".equals(row.getString("state")) && (checked == null || checked.isBefore(now().minus(STATUS_CACHE)))) {
                            staleKeys.computeIfAbsent(row.getLong("instance_id"), k -> new ArrayList<>()).add(row.getString("jira_key"));
                        }
                    }
                    List<Future<Void>> refreshes = new ArrayList<>();
                    staleKeys.forEach((instanceId, keys) -> refreshes.add(refreshStatuses(instanceId, keys, userId)));
                    return Future.join(refreshes).otherwiseEmpty()
                            .compose(done -> staleKeys.isEmpty() ? Future.succeededFuture(rows)
                                    : pool.preparedQuery("SELECT " + COLUMNS + " FROM issues WHERE project_id = $1 ORDER BY created_at DESC, id DESC")
                                    .execute(Tuple.of(projectId)));
                })
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(json(row)));
                    return items;
                });
    }

    /**
     * Refreshes the statuses of up to 100 keys in one Jira call. A key Jira no longer shows the viewer
     * (deleted, hidden) must not stop the others: it keeps its last status and is logged, key only.
     */
    private Future<Void> refreshStatuses(long instanceId, List<String> keys, long userId) {
        List<String> batch = keys.subList(0, Math.min(STATUS_REFRESH_KEYS, keys.size()));
        return site(instanceId)
                .compose(instance -> jiraIssues.byKeys(userId, instance, batch))
                .compose(found -> {
                    List<String> missing = batch.stream().filter(key -> !found.containsKey(key.toUpperCase(java.util.Locale.ROOT))).toList();
                    if (!missing.isEmpty()) {
                        LOG.info("event=issue_status_not_in_jira instance_id={} keys={}", instanceId, String.join(",", missing));
                    }
                    List<Future<?>> updates = new ArrayList<>();
                    for (JiraIssues.IssueSummary issue : found.values()) {
                        updates.add(pool.preparedQuery("UPDATE issues SET jira_status = $3, jira_checked_at = $4 WHERE instance_id = $1 AND jira_key = $2")
                                .execute(Tuple.of(instanceId, issue.key(), issue.status(), now())));
                    }
                    return Future.join(updates).<Void>mapEmpty();
                })
                .onFailure(e -> LOG.debug("event=issue_status_refresh_skipped instance_id={} reason={}", instanceId, e.getMessage()));
    }

    private Future<Row> load(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM issues WHERE id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("There is no issue " + id + "."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static JsonObject json(Row row) {
        Object error = row.getValue("last_error");
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("projectId", row.getLong("project_id"))
                .put("instanceId", row.getLong("instance_id"))
                .put("jiraProject", row.getString("jira_project"))
                .put("issueTypeId", row.getString("issue_type_id"))
                .put("issueTypeName", row.getString("issue_type_name"))
                .put("summary", row.getString("summary"))
                .put("description", row.getString("description"))
                .put("fields", row.getJsonObject("fields"))
                .put("state", row.getString("state"))
                .put("lastError", error instanceof JsonObject object ? object : null)
                .put("jiraKey", row.getString("jira_key"))
                .put("jiraUrl", row.getString("jira_url"))
                .put("jiraStatus", row.getString("jira_status"))
                .put("createdBy", row.getLong("created_by"))
                .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
    }

    private static String newMarker() {
        StringBuilder marker = new StringBuilder("tbdraft");
        for (int i = 0; i < 12; i++) {
            marker.append("abcdefghijkmnpqrstuvwxyz23456789".charAt(RANDOM.nextInt(32)));
        }
        return marker.toString();
    }

    private Future<JiraSite> site(long instanceId) {
        return integrations.get(instanceId).map(JiraInstance::site);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
