package io.testbridge.testcases;

import io.testbridge.errors.Failure;
import io.testbridge.shared.Actor;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.jira.JiraSite;
import io.testbridge.jira.JiraIssues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * Test suites: ordered collections of the repository's cases, with linked Jira issues. Links keep the last values read from
 * Jira (key, summary, status, assignee, type); they are refreshed on view as the viewer, and an
 * issue deleted in Jira shows as not found instead of failing the page.
 */
final class SuiteService {
    private static final Duration LINK_CACHE = Duration.ofSeconds(60);
    private static final int JIRA_CONCURRENCY = 5;

    private final Pool pool;
    private final Clock clock;
    private final Directory directory;
    private final CaseService cases;
    private final Integrations integrations;
    private final JiraIssues jira;

    SuiteService(Pool pool, Clock clock, Directory directory, CaseService cases, Integrations integrations, JiraIssues jira) {
        this.pool = pool;
        this.clock = clock;
        this.directory = directory;
        this.cases = cases;
        this.integrations = integrations;
        this.jira = jira;
    }

    public Future<JsonArray> list(long projectId) {
        return directory.projectKey(projectId).compose(project -> pool.preparedQuery("""
                        SELECT s.id, s.project_id, s.name, s.description,
                               (SELECT count(*) FROM suite_cases c WHERE c.suite_id = s.id) AS case_count,
                               (SELECT count(*) FROM suite_links l WHERE l.suite_id = s.id) AS link_count
                          FROM suites s WHERE s.project_id = $1 ORDER BY lower(s.name), s.id""")
                .execute(Tuple.of(projectId))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(summary(row)));
                    return items;
                }));
    }

    public Future<JsonObject> create(long projectId, String name, String description) {
        return directory.projectKey(projectId).compose(project -> pool.preparedQuery("""
                        INSERT INTO suites (project_id, name, description) VALUES ($1, $2, $3)
                        RETURNING id, project_id, name, description, 0::bigint AS case_count, 0::bigint AS link_count""")
                .execute(Tuple.of(projectId, name, description == null ? "" : description))
                .map(rows -> summary(rows.iterator().next())));
    }

    /** A new case in the repository (at the top level, a step per line of {@code steps}), added at the end of the suite. */
    public Future<JsonObject> addNewCase(long suiteId, String title, String steps, Actor actor) {
        List<Step> lines = new ArrayList<>();
        for (String line : (steps == null ? "" : steps).split("\\r?\\n")) {
            if (!line.isBlank()) {
                lines.add(new Step(UUID.randomUUID().toString(), line.strip(), "", ""));
            }
        }
        CaseContent content = CaseContent.of(title, "", lines, null, null, List.of(), List.of(), null, null, null);
        return suite(suiteId).compose(suite -> pool.withTransaction(tx -> cases.insert(tx, suite.getLong("projectId"), List.of(content), List.of("created"), actor)
                        .compose(ids -> append(tx, suiteId, ids).map(ids.get(0)))))
                .compose(cases::get);
    }

    /** Adds cases of the suite's project at its end, in the order given; cases already in it stay where they are. */
    public Future<JsonArray> addMembers(long suiteId, List<Long> caseIds) {
        return suite(suiteId).compose(suite -> pool.withTransaction(tx -> tx.preparedQuery(
                                "SELECT id FROM test_cases WHERE project_id = $1 AND id = ANY ($2)")
                        .execute(Tuple.tuple().addLong(suite.getLong("projectId")).addArrayOfLong(caseIds.toArray(Long[]::new)))
                        .compose(rows -> {
                            Set<Long> found = new HashSet<>();
                            rows.forEach(row -> found.add(row.getLong(0)));
                            List<Long> missing = caseIds.stream().filter(id -> !found.contains(id)).toList();
                            return missing.isEmpty() ? append(tx, suiteId, caseIds)
                                    : Future.failedFuture(Failure.invalid("caseIds", "There is no case " + missing.get(0) + " in this suite's project."));
                        })))
                .compose(done -> members(suiteId));
    }

    /** The suite's project and its cases' ids in order. */
    public Future<SuiteCaseIds> caseIds(long suiteId) {
        return suite(suiteId).compose(suite -> pool.preparedQuery("SELECT case_id FROM suite_cases WHERE suite_id = $1 ORDER BY position, case_id")
                .execute(Tuple.of(suiteId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return new SuiteCaseIds(suite.getLong("projectId"), ids);
                }));
    }

    public Future<Void> removeMember(long suiteId, long caseId) {
        return pool.preparedQuery("DELETE FROM suite_cases WHERE suite_id = $1 AND case_id = $2").execute(Tuple.of(suiteId, caseId))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Failure.notFound("Case " + caseId + " is not in suite " + suiteId + "."))
                        : Future.<Void>succeededFuture());
    }

    /** Puts the suite's cases in this order; it must name each of them once. */
    public Future<JsonArray> reorder(long suiteId, List<Long> caseIds) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT case_id FROM suite_cases WHERE suite_id = $1 FOR UPDATE").execute(Tuple.of(suiteId))
                        .compose(rows -> {
                            Set<Long> current = new HashSet<>();
                            rows.forEach(row -> current.add(row.getLong(0)));
                            if (!current.equals(new HashSet<>(caseIds)) || current.size() != caseIds.size()) {
                                return Future.failedFuture(Failure.invalid("caseIds", "Name every case of the suite once, in the new order."));
                            }
                            List<Tuple> positions = new ArrayList<>();
                            for (int i = 0; i < caseIds.size(); i++) {
                                positions.add(Tuple.of(suiteId, caseIds.get(i), i + 1));
                            }
                            return positions.isEmpty() ? Future.succeededFuture()
                                    : tx.preparedQuery("UPDATE suite_cases SET position = $3 WHERE suite_id = $1 AND case_id = $2").executeBatch(positions).mapEmpty();
                        }))
                .compose(done -> members(suiteId));
    }

    private Future<Void> append(io.vertx.sqlclient.SqlClient tx, long suiteId, List<Long> caseIds) {
        return tx.preparedQuery("""
                        INSERT INTO suite_cases (suite_id, case_id, position)
                        SELECT $1, added.id, (SELECT COALESCE(max(position), 0) FROM suite_cases WHERE suite_id = $1) + added.ordinality
                          FROM unnest($2::bigint[]) WITH ORDINALITY AS added (id, ordinality)
                        ON CONFLICT (suite_id, case_id) DO NOTHING""")
                .execute(Tuple.tuple().addLong(suiteId).addArrayOfLong(caseIds.toArray(Long[]::new))).mapEmpty();
    }

    /** The detail view: cases, and links refreshed from Jira as the viewer (stale values, flagged, when Jira cannot be asked). */
    public Future<JsonObject> detail(long suiteId, long userId) {
        return suite(suiteId).compose(suite -> refreshLinks(suiteId, userId)
                .compose(fresh -> Future.all(members(suiteId), links(suiteId)).map(all -> suite
                        .put("cases", all.<JsonArray>resultAt(0)).put("links", all.<JsonArray>resultAt(1)).put("linksStale", !fresh))));
    }

    /** Links issues after reading each from Jira (a key Jira does not know is refused, naming it). */
    public Future<JsonArray> link(long suiteId, long instanceId, List<String> keys, long userId) {
        return suite(suiteId).compose(suite -> site(instanceId)).compose(instance ->
                inBatches(keys, key -> jira.get(userId, instance, key.toUpperCase(java.util.Locale.ROOT)))
                        .compose(found -> {
                            List<String> missing = new ArrayList<>();
                            for (int i = 0; i < keys.size(); i++) {
                                if (found.get(i).isEmpty()) {
                                    missing.add(keys.get(i));
                                }
                            }
                            if (!missing.isEmpty()) {
                                return Future.failedFuture(Failure.invalid("keys", "Jira has no issue " + String.join(", ", missing)
                                        + " (or you cannot see it)."));
                            }
                            return pool.withTransaction(tx -> {
                                Future<Void> chain = Future.succeededFuture();
                                for (Optional<JiraIssues.IssueSummary> issue : found) {
                                    JiraIssues.IssueSummary i = issue.orElseThrow();
                                    chain = chain.compose(done -> tx.preparedQuery("""
                                                    INSERT INTO suite_links (suite_id, instance_id, jira_key, jira_id, summary, status, assignee, issue_type,
                                                                             checked_at, linked_by)
                                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                                                    ON CONFLICT (suite_id, instance_id, jira_key) DO UPDATE SET summary = $5, status = $6, assignee = $7,
                                                           issue_type = $8, not_found = false, checked_at = $9""")
                                            .execute(Tuple.from(new Object[] {suiteId, instanceId, i.key(), i.id(), i.summary(), i.status(),
                                                    i.assignee(), i.issueType(), now(), userId}))
                                            .mapEmpty());
                                }
                                return chain;
                            });
                        }))
                .compose(done -> links(suiteId));
    }

    public Future<Void> unlink(long suiteId, long instanceId, String key) {
        return pool.preparedQuery("DELETE FROM suite_links WHERE suite_id = $1 AND instance_id = $2 AND jira_key = $3")
                .execute(Tuple.of(suiteId, instanceId, key.toUpperCase(java.util.Locale.ROOT)))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(Failure.notFound(key + " is not linked to this suite."))
                        : Future.<Void>succeededFuture());
    }

    /** True when every stale link could be read from Jira. */
    private Future<Boolean> refreshLinks(long suiteId, long userId) {
        return pool.preparedQuery("SELECT instance_id, jira_key FROM suite_links WHERE suite_id = $1 AND (checked_at IS NULL OR checked_at < $2)")
                .execute(Tuple.of(suiteId, now().minus(LINK_CACHE)))
                .compose(rows -> {
                    List<Future<Boolean>> refreshes = new ArrayList<>();
                    for (Row row : rows) {
                        long instanceId = row.getLong("instance_id");
                        String key = row.getString("jira_key");
                        refreshes.add(site(instanceId)
                                .compose(instance -> jira.get(userId, instance, key))
                                .compose(found -> store(suiteId, instanceId, key, found))
                                .map(true)
                                .otherwise(failure -> false));
                    }
                    return Future.join(refreshes).otherwiseEmpty()
                            .map(done -> refreshes.stream().allMatch(f -> f.succeeded() && Boolean.TRUE.equals(f.result())));
                });
    }

    private Future<Void> store(long suiteId, long instanceId, String key, Optional<JiraIssues.IssueSummary> found) {
        if (found.isEmpty()) {
            return pool.preparedQuery("UPDATE suite_links SET not_found = true, checked_at = $4 WHERE suite_id = $1 AND instance_id = $2 AND jira_key = $3")
                    .execute(Tuple.of(suiteId, instanceId, key, now())).mapEmpty();
        }
        JiraIssues.IssueSummary i = found.get();
        return pool.preparedQuery("""
                        UPDATE suite_links SET summary = $4, status = $5, assignee = $6, issue_type = $7, not_found = false, checked_at = $8
                         WHERE suite_id = $1 AND instance_id = $2 AND jira_key = $3""")
                .execute(Tuple.from(new Object[] {suiteId, instanceId, key, i.summary(), i.status(), i.assignee(), i.issueType(), now()})).mapEmpty();
    }

    private Future<JsonObject> suite(long suiteId) {
        return pool.preparedQuery("SELECT id, project_id, name, description FROM suites WHERE id = $1").execute(Tuple.of(suiteId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("There is no test suite " + suiteId + "."))
                        : Future.succeededFuture(new JsonObject().put("id", rows.iterator().next().getLong("id"))
                        .put("projectId", rows.iterator().next().getLong("project_id")).put("name", rows.iterator().next().getString("name"))
                        .put("description", rows.iterator().next().getString("description"))));
    }

    /** The suite's cases in order, with key, title, status, priority, steps count and whether archived. */
    Future<JsonArray> members(long suiteId) {
        return pool.preparedQuery("""
                        SELECT c.id, c.project_id, c.number, c.title, c.status, c.priority, jsonb_array_length(c.steps) AS step_count,
                               c.archived_at, sc.position
                          FROM suite_cases sc JOIN test_cases c ON c.id = sc.case_id
                         WHERE sc.suite_id = $1 ORDER BY sc.position, c.number""")
                .execute(Tuple.of(suiteId))
                .compose(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    return found.isEmpty() ? Future.succeededFuture(new JsonArray())
                            : directory.projectKey(found.get(0).getLong("project_id")).map(projectKey -> {
                                JsonArray items = new JsonArray();
                                found.forEach(row -> items.add(new JsonObject().put("id", row.getLong("id"))
                                        .put("key", Directory.caseKey(projectKey, row.getInteger("number")))
                                        .put("title", row.getString("title")).put("status", row.getString("status"))
                                        .put("priority", row.getString("priority")).put("stepCount", row.getInteger("step_count"))
                                        .put("archived", row.getOffsetDateTime("archived_at") != null)));
                                return items;
                            });
                });
    }

    private Future<JsonArray> links(long suiteId) {
        return pool.preparedQuery("""
                        SELECT instance_id, jira_key, summary, status, assignee, issue_type, not_found, checked_at
                          FROM suite_links WHERE suite_id = $1 ORDER BY linked_at, jira_key""")
                .execute(Tuple.of(suiteId))
                .compose(rows -> {
                    Set<Long> instanceIds = new HashSet<>();
                    rows.forEach(row -> instanceIds.add(row.getLong("instance_id")));
                    // the Jira URL of each link comes from its instance, so it follows the instance if its URL changes
                    return integrations.getAll(new ArrayList<>(instanceIds)).map(instances -> {
                        Map<Long, JiraSite> sites = new HashMap<>();
                        instances.forEach(instance -> sites.put(instance.id(), instance.site()));
                        JsonArray items = new JsonArray();
                        rows.forEach(row -> items.add(new JsonObject().put("instanceId", row.getLong("instance_id")).put("key", row.getString("jira_key"))
                                .put("summary", row.getString("summary")).put("status", row.getString("status"))
                                .put("assignee", row.getString("assignee")).put("issueType", row.getString("issue_type"))
                                .put("url", Optional.ofNullable(sites.get(row.getLong("instance_id")))
                                        .map(site -> site.browseUrl(row.getString("jira_key"))).orElse(null))
                                .put("notFound", row.getBoolean("not_found"))
                                .put("checkedAt", row.getOffsetDateTime("checked_at") == null ? null : row.getOffsetDateTime("checked_at").toInstant().toString())));
                        return items;
                    });
                });
    }

    /** Runs the calls a few at a time (Jira rate limits), keeping the order of the inputs. */
    private static <T> Future<List<T>> inBatches(List<String> keys, java.util.function.Function<String, Future<T>> call) {
        List<T> results = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < keys.size(); from += JIRA_CONCURRENCY) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + JIRA_CONCURRENCY));
            chain = chain.compose(done -> {
                List<Future<T>> calls = batch.stream().map(call).toList();
                return Future.all(calls).map(all -> {
                    calls.forEach(f -> results.add(f.result()));
                    return null;
                });
            });
        }
        return chain.map(results);
    }

    private static JsonObject summary(Row row) {
        return new JsonObject().put("id", row.getLong("id")).put("projectId", row.getLong("project_id")).put("name", row.getString("name"))
                .put("description", row.getString("description")).put("caseCount", row.getLong("case_count")).put("linkCount", row.getLong("link_count"));
    }

    private Future<JiraSite> site(long instanceId) {
        return integrations.get(instanceId).map(JiraInstance::site);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
