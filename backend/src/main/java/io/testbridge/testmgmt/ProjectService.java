package io.testbridge.testmgmt;

import io.testbridge.db.SqlErrors;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Testbridge projects, each with a default Jira instance and Jira project for its issues. */
final class ProjectService {
    private static final String COLUMNS = "id, key, name, default_instance_id, default_jira_project";
    private final Pool pool;

    ProjectService(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonArray> list() {
        return pool.query("SELECT " + COLUMNS + " FROM projects ORDER BY upper(key)").execute().map(rows -> {
            JsonArray items = new JsonArray();
            rows.forEach(row -> items.add(json(row)));
            return items;
        });
    }

    public Future<JsonObject> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM projects WHERE id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(Failure.notFound("There is no project " + id + "."))
                        : Future.succeededFuture(json(rows.iterator().next())));
    }

    public Future<JsonObject> create(JsonObject input) {
        return pool.preparedQuery("INSERT INTO projects (key, name, default_instance_id, default_jira_project) VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
                .execute(Tuple.of(input.getString("key").toUpperCase(java.util.Locale.ROOT), input.getString("name").strip(),
                        input.getLong("defaultInstanceId"), blankToNull(input.getString("defaultJiraProject"))))
                .map(rows -> json(rows.iterator().next()))
                .recover(ProjectService::explain);
    }

    public Future<JsonObject> update(long id, JsonObject patch) {
        return get(id).compose(current -> pool.preparedQuery("""
                        UPDATE projects SET name = $2, default_instance_id = $3, default_jira_project = $4 WHERE id = $1 RETURNING """ + COLUMNS)
                .execute(Tuple.of(id, patch.containsKey("name") ? patch.getString("name").strip() : current.getString("name"),
                        patch.containsKey("defaultInstanceId") ? patch.getLong("defaultInstanceId") : current.getLong("defaultInstanceId"),
                        patch.containsKey("defaultJiraProject") ? blankToNull(patch.getString("defaultJiraProject")) : current.getString("defaultJiraProject")))
                .map(rows -> json(rows.iterator().next()))
                .recover(ProjectService::explain));
    }

    private static <T> Future<T> explain(Throwable error) {
        if (SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)) {
            return Future.failedFuture(Failure.conflict("key", "A project with this key exists already."));
        }
        if (SqlErrors.is(error, SqlErrors.FOREIGN_KEY_VIOLATION)) {
            return Future.failedFuture(Failure.invalid("defaultInstanceId", "There is no such Jira instance."));
        }
        return Future.failedFuture(error);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static JsonObject json(Row row) {
        return new JsonObject().put("id", row.getLong("id")).put("key", row.getString("key")).put("name", row.getString("name"))
                .put("defaultInstanceId", row.getLong("default_instance_id")).put("defaultJiraProject", row.getString("default_jira_project"));
    }
}
