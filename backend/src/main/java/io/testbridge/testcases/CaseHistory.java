package io.testbridge.testcases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A case's versions: the list (who, when, what changed), each one as it was, and what changed between two. */
final class CaseHistory {
    private final Pool pool;
    private final Directory directory;

    CaseHistory(Pool pool, Directory directory) {
        this.pool = pool;
        this.directory = directory;
    }

    /** The versions, newest first; each author by display name (by the name kept with the version once the user is gone). */
    Future<JsonArray> versions(long caseId) {
        return pool.preparedQuery("""
                        SELECT v.version, v.changes, v.author_id, v.author_name, v.created_at, v.saved_at
                          FROM test_case_versions v WHERE v.case_id = $1 ORDER BY v.version DESC""").execute(Tuple.of(caseId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(CaseService.notFound(caseId));
                    }
                    List<Long> authors = new ArrayList<>();
                    rows.forEach(row -> authors.add(row.getLong("author_id")));
                    return directory.names(authors).map(names -> {
                        JsonArray items = new JsonArray();
                        for (Row row : rows) {
                            Long authorId = row.getLong("author_id");
                            items.add(new JsonObject().put("version", row.getInteger("version"))
                                    .put("changes", new JsonArray(List.of((Object[]) row.getArrayOfStrings("changes"))))
                                    .put("author", authorId != null && names.containsKey(authorId) ? names.get(authorId) : row.getString("author_name"))
                                    .put("createdAt", CaseService.instant(row.getOffsetDateTime("created_at")))
                                    .put("savedAt", CaseService.instant(row.getOffsetDateTime("saved_at"))));
                        }
                        return items;
                    });
                });
    }

    /** The content of a case at a version, as it was. */
    Future<CaseContent> content(long caseId, int version) {
        return snapshots(caseId, List.of(version)).map(found -> found.get(version));
    }

    /** The case's content at a version. */
    Future<JsonObject> version(long caseId, int version) {
        return snapshots(caseId, List.of(version)).map(found -> found.get(version).toJson().put("version", version));
    }

    /**
     * What changed from version {@code against} to {@code version}: each field that differs, with
     * both values, and the steps matched by their ids (added, removed, changed, moved, unchanged) in
     * the order of the newer version, removed ones where they were.
     */
    Future<JsonObject> diff(long caseId, int version, int against) {
        return snapshots(caseId, List.of(version, against)).map(found -> {
            CaseContent before = found.get(against);
            CaseContent after = found.get(version);
            JsonObject beforeJson = before.toJson();
            JsonObject afterJson = after.toJson();
            JsonArray fields = new JsonArray();
            for (String field : List.of("title", "precondition", "priority", "status", "labels", "components", "ownerId", "estimateMinutes", "folderId")) {
                Object was = beforeJson.getValue(field);
                Object is = afterJson.getValue(field);
                if (!java.util.Objects.equals(was, is)) {
                    fields.add(new JsonObject().put("field", field).put("before", was).put("after", is));
                }
            }
            return new JsonObject().put("version", version).put("against", against).put("fields", fields)
                    .put("steps", steps(before.steps(), after.steps()));
        });
    }

    static JsonArray steps(List<Step> before, List<Step> after) {
        Map<String, Integer> oldPositions = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            oldPositions.put(before.get(i).id(), i);
        }
        Map<String, Step> kept = new HashMap<>();
        after.forEach(step -> kept.put(step.id(), step));
        JsonArray result = new JsonArray();
        // removed steps go where they were: before the first newer step that came after them
        int nextOld = 0;
        for (int i = 0; i < after.size(); i++) {
            Step step = after.get(i);
            Integer oldPosition = oldPositions.get(step.id());
            if (oldPosition != null) {
                for (; nextOld < oldPosition; nextOld++) {
                    Step old = before.get(nextOld);
                    if (!kept.containsKey(old.id())) {
                        result.add(entry("removed", old, null, nextOld, null));
                    }
                }
                nextOld = Math.max(nextOld, oldPosition + 1);
                Step old = before.get(oldPosition);
                String change = !old.sameText(step) ? "changed" : oldPosition != i && movedRelatively(before, after, step) ? "moved" : "unchanged";
                result.add(entry(change, old, step, oldPosition, i));
            } else {
                result.add(entry("added", null, step, null, i));
            }
        }
        for (; nextOld < before.size(); nextOld++) {
            Step old = before.get(nextOld);
            if (!kept.containsKey(old.id())) {
                result.add(entry("removed", old, null, nextOld, null));
            }
        }
        return result;
    }

    /** A step counts as moved when the step before it is not the one before it was (inserting above it does not move it). */
    private static boolean movedRelatively(List<Step> before, List<Step> after, Step step) {
        return !java.util.Objects.equals(previousKept(before, step, after), previousKept(after, step, before));
    }

    private static String previousKept(List<Step> list, Step step, List<Step> other) {
        java.util.Set<String> inOther = new java.util.HashSet<>();
        other.forEach(s -> inOther.add(s.id()));
        String previous = null;
        for (Step s : list) {
            if (s.id().equals(step.id())) {
                return previous;
            }
            if (inOther.contains(s.id())) {
                previous = s.id();
            }
        }
        return previous;
    }

    private static JsonObject entry(String change, Step before, Step after, Integer oldPosition, Integer newPosition) {
        return new JsonObject().put("change", change)
                .put("id", (after != null ? after : before).id())
                .put("before", before == null ? null : before.toJson())
                .put("after", after == null ? null : after.toJson())
                .put("previousNumber", oldPosition == null ? null : oldPosition + 1)
                .put("number", newPosition == null ? null : newPosition + 1);
    }

    private Future<Map<Integer, CaseContent>> snapshots(long caseId, List<Integer> versions) {
        return pool.preparedQuery("SELECT version, snapshot FROM test_case_versions WHERE case_id = $1 AND version = ANY ($2)")
                .execute(Tuple.tuple().addLong(caseId).addArrayOfInteger(versions.toArray(Integer[]::new)))
                .compose(rows -> {
                    Map<Integer, CaseContent> found = new HashMap<>();
                    for (Row row : rows) {
                        Object snapshot = row.getValue("snapshot");
                        found.put(row.getInteger("version"), CaseContent.fromJson(snapshot instanceof JsonObject json ? json : new JsonObject(String.valueOf(snapshot))));
                    }
                    List<Integer> missing = new ArrayList<>(versions);
                    missing.removeAll(found.keySet());
                    return missing.isEmpty() ? Future.succeededFuture(found)
                            : Future.failedFuture(io.testbridge.errors.Failure.notFound("Test case " + caseId + " has no version " + missing.get(0) + "."));
                });
    }
}
