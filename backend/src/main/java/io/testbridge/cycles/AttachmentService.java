package io.testbridge.cycles;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.shared.Actor;
import io.testbridge.testcases.Step;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Evidence on step results (screenshots, logs), kept in the database with everything else, up to a
 * size set by the operator. What a file is comes from its bytes; it is always served as a download.
 */
final class AttachmentService {
    static final int MAX_FILENAME = 200;

    private final Pool pool;
    private final ExecutionService executions;
    private final long maxBytes;

    AttachmentService(Pool pool, ExecutionService executions, long maxBytes) {
        this.pool = pool;
        this.executions = executions;
        this.maxBytes = maxBytes;
    }

    Future<JsonObject> add(long cycleId, long executionId, String stepId, String filename, Buffer data, Actor actor) {
        if (data.length() > maxBytes) {
            return Future.failedFuture(new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "Attachments are at most " + megabytes(maxBytes)
                    + "; this file is " + megabytes(data.length()) + ".", "body"));
        }
        if (data.length() == 0) {
            return Future.failedFuture(Failure.invalid("body", "The file is empty."));
        }
        String name = filename(filename);
        return ExecutionService.attempt(pool, cycleId, executionId)
                .compose(row -> executions.content(row.getLong("case_id"), row.getInteger("case_version")))
                .compose(content -> content.steps().stream().map(Step::id).anyMatch(id -> id.equalsIgnoreCase(stepId))
                        ? pool.preparedQuery("""
                                INSERT INTO step_attachments (execution_id, step_id, filename, content_type, size, data, uploaded_by)
                                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, step_id, filename, content_type, size, uploaded_at""")
                        .execute(Tuple.from(new Object[] {executionId, UUID.fromString(stepId), name, ContentSniffer.sniff(data), data.length(), data,
                                actor.userId()}))
                        .map(rows -> json(rows.iterator().next()))
                        : Future.failedFuture(Failure.invalid("stepId", "The case, as this attempt runs it, has no step " + stepId + ".")));
    }

    /** The attempt's attachments, without their bytes. */
    Future<JsonArray> ofAttempt(long executionId) {
        return pool.preparedQuery("SELECT id, step_id, filename, content_type, size, uploaded_at FROM step_attachments WHERE execution_id = $1 ORDER BY id")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(json(row)));
                    return items;
                });
    }

    Future<Attachment> get(long attachmentId) {
        return pool.preparedQuery("SELECT id, filename, content_type, size, data FROM step_attachments WHERE id = $1").execute(Tuple.of(attachmentId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Failure.notFound("There is no attachment " + attachmentId + "."));
                    }
                    Row row = rows.iterator().next();
                    return Future.succeededFuture(new Attachment(row.getLong("id"), row.getString("filename"), row.getString("content_type"),
                            row.getInteger("size"), row.getBuffer("data")));
                });
    }

    Future<Void> delete(long attachmentId) {
        return pool.preparedQuery("DELETE FROM step_attachments WHERE id = $1").execute(Tuple.of(attachmentId))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Failure.notFound("There is no attachment " + attachmentId + "."))
                        : Future.<Void>succeededFuture());
    }

    /** The name to keep: the last part of a path, without control characters, at most {@value #MAX_FILENAME} characters. */
    static String filename(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "attachment";
        }
        return name.length() > MAX_FILENAME ? name.substring(name.length() - MAX_FILENAME) : name;
    }

    private static JsonObject json(Row row) {
        return new JsonObject().put("id", row.getLong("id")).put("stepId", row.getUUID("step_id").toString())
                .put("filename", row.getString("filename")).put("contentType", row.getString("content_type"))
                .put("size", row.getInteger("size")).put("image", ContentSniffer.isImage(row.getString("content_type")))
                .put("uploadedAt", CycleService.instant(row.getOffsetDateTime("uploaded_at")))
                .put("url", "/api/attachments/" + row.getLong("id"));
    }

    static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)).replace(".0 MB", " MB")
                : Math.max(1, bytes / 1024) + " KB";
    }
}
