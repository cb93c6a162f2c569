package io.testbridge.testcases;

import io.testbridge.db.SqlErrors;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * The folders of a project's cases: nested without limit, sibling names distinct whatever their
 * case. Deleting a folder never deletes cases: its cases and subfolders move up to its parent.
 */
final class FolderService {
    static final int MAX_NAME = 100;

    private final Pool pool;

    FolderService(Pool pool) {
        this.pool = pool;
    }

    Future<List<Folder>> list(long projectId) {
        return pool.preparedQuery("""
                        SELECT f.id, f.parent_id, f.name,
                               (SELECT count(*) FROM test_cases c WHERE c.folder_id = f.id AND c.archived_at IS NULL) AS cases
                          FROM case_folders f WHERE f.project_id = $1 ORDER BY lower(f.name), f.id""")
                .execute(Tuple.of(projectId))
                .map(rows -> {
                    List<Folder> folders = new ArrayList<>();
                    rows.forEach(row -> folders.add(folder(row)));
                    return folders;
                });
    }

    Future<Folder> create(long projectId, Long parentId, String name) {
        String checked = name(name);
        return parentIn(pool, projectId, parentId)
                .compose(ok -> pool.preparedQuery("INSERT INTO case_folders (project_id, parent_id, name) VALUES ($1, $2, $3) RETURNING id, parent_id, name, 0::bigint AS cases")
                        .execute(Tuple.of(projectId, parentId, checked)))
                .map(rows -> folder(rows.iterator().next()))
                .recover(error -> Future.failedFuture(duplicate(error, checked)));
    }

    Future<Folder> rename(long folderId, String name) {
        String checked = name(name);
        return pool.preparedQuery("UPDATE case_folders SET name = $2 WHERE id = $1 RETURNING project_id").execute(Tuple.of(folderId, checked))
                .recover(error -> Future.failedFuture(duplicate(error, checked)))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(folderId)) : one(folderId));
    }

    /** Moves a folder under another of the same project (null: to the top level), never into itself or below itself. */
    Future<Folder> move(long folderId, Long parentId) {
        return pool.withTransaction(tx -> projectOf(tx, folderId)
                .compose(projectId -> parentIn(tx, projectId, parentId))
                .compose(ok -> parentId == null ? Future.succeededFuture(false) : tx.preparedQuery("""
                                WITH RECURSIVE tree AS (SELECT id FROM case_folders WHERE id = $1
                                                        UNION ALL SELECT f.id FROM case_folders f JOIN tree ON f.parent_id = tree.id)
                                SELECT EXISTS (SELECT 1 FROM tree WHERE id = $2)""").execute(Tuple.of(folderId, parentId))
                        .map(rows -> rows.iterator().next().getBoolean(0)))
                .compose(intoItself -> intoItself
                        ? Future.failedFuture(Failure.invalid("parentId", "A folder cannot move into itself or one of its subfolders."))
                        : tx.preparedQuery("UPDATE case_folders SET parent_id = $2 WHERE id = $1").execute(Tuple.of(folderId, parentId)).mapEmpty()))
                .recover(error -> Future.failedFuture(SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)
                        ? Failure.conflict("parentId", "That folder already holds a folder of the same name; rename one first.") : error))
                .compose(done -> one(folderId));
    }

    /** Deletes a folder; its cases and subfolders move up to its parent. */
    Future<Void> delete(long folderId) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT parent_id FROM case_folders WHERE id = $1 FOR UPDATE").execute(Tuple.of(folderId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(notFound(folderId));
                    }
                    Long parent = rows.iterator().next().getLong(0);
                    return tx.preparedQuery("UPDATE test_cases SET folder_id = $2 WHERE folder_id = $1").execute(Tuple.of(folderId, parent))
                            .compose(done -> tx.preparedQuery("UPDATE case_folders SET parent_id = $2 WHERE parent_id = $1").execute(Tuple.of(folderId, parent)))
                            .compose(done -> tx.preparedQuery("DELETE FROM case_folders WHERE id = $1").execute(Tuple.of(folderId)))
                            .<Void>mapEmpty();
                })
                .recover(error -> Future.failedFuture(SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)
                        ? Failure.conflict(null, "A subfolder has the same name as a folder where it would move to; rename it first.") : error)));
    }

    /** The folder of this path ("Auth/Login"), created as needed, in the caller's transaction (CSV import). */
    Future<Long> ensurePath(SqlClient tx, long projectId, String path) {
        Future<Long> parent = Future.succeededFuture(null);
        for (String segment : path.split("/")) {
            String name = segment.strip();
            if (name.isEmpty()) {
                continue;
            }
            parent = parent.compose(parentId -> tx.preparedQuery("""
                            INSERT INTO case_folders (project_id, parent_id, name) VALUES ($1, $2, $3)
                            ON CONFLICT (project_id, COALESCE(parent_id, 0), lower(name)) DO NOTHING""")
                    .execute(Tuple.of(projectId, parentId, name))
                    .compose(done -> tx.preparedQuery("""
                                    SELECT id FROM case_folders WHERE project_id = $1 AND COALESCE(parent_id, 0) = COALESCE($2, 0)
                                       AND lower(name) = lower($3)""")
                            .execute(Tuple.of(projectId, parentId, name)))
                    .map(rows -> rows.iterator().next().getLong(0)));
        }
        return parent;
    }

    /** Fails unless the folder (when given) is one of the project's. */
    Future<Void> requireIn(SqlClient client, long projectId, Long folderId, String field) {
        if (folderId == null) {
            return Future.succeededFuture();
        }
        return client.preparedQuery("SELECT 1 FROM case_folders WHERE id = $1 AND project_id = $2").execute(Tuple.of(folderId, projectId))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
                        : Future.failedFuture(Failure.invalid(field, "There is no folder " + folderId + " in this project.")));
    }

    /** The folder path of every folder of a project ("Auth/Login"), by id. */
    Future<java.util.Map<Long, String>> paths(SqlClient client, long projectId) {
        return client.preparedQuery("""
                        WITH RECURSIVE paths AS (
                            SELECT id, name AS path FROM case_folders WHERE project_id = $1 AND parent_id IS NULL
                            UNION ALL SELECT f.id, p.path || '/' || f.name FROM case_folders f JOIN paths p ON f.parent_id = p.id)
                        SELECT id, path FROM paths""").execute(Tuple.of(projectId))
                .map(rows -> {
                    java.util.Map<Long, String> paths = new java.util.HashMap<>();
                    rows.forEach(row -> paths.put(row.getLong("id"), row.getString("path")));
                    return paths;
                });
    }

    private Future<Void> parentIn(SqlClient client, long projectId, Long parentId) {
        return requireIn(client, projectId, parentId, "parentId");
    }

    private Future<Long> projectOf(SqlClient client, long folderId) {
        return client.preparedQuery("SELECT project_id FROM case_folders WHERE id = $1").execute(Tuple.of(folderId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(folderId)) : Future.succeededFuture(rows.iterator().next().getLong(0)));
    }

    private Future<Folder> one(long folderId) {
        return pool.preparedQuery("""
                        SELECT f.id, f.parent_id, f.name,
                               (SELECT count(*) FROM test_cases c WHERE c.folder_id = f.id AND c.archived_at IS NULL) AS cases
                          FROM case_folders f WHERE f.id = $1""").execute(Tuple.of(folderId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(folderId)) : Future.succeededFuture(folder(rows.iterator().next())));
    }

    static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME || stripped.contains("/")) {
            throw Failure.invalid("name", "A folder name is 1 to " + MAX_NAME + " characters, without / (it separates folders in paths).");
        }
        return stripped;
    }

    private static Throwable duplicate(Throwable error, String name) {
        return SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)
                ? Failure.conflict("name", "There is a folder named \"" + name + "\" here already.") : error;
    }

    private static Failure notFound(long folderId) {
        return Failure.notFound("There is no folder " + folderId + ".");
    }

    private static Folder folder(Row row) {
        return new Folder(row.getLong("id"), row.getLong("parent_id"), row.getString("name"), row.getLong("cases"));
    }
}
