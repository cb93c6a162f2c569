package io.testbridge.testcases;

import io.vertx.core.json.JsonObject;

/** A folder of a project's cases; {@code parentId} null for a top-level folder. */
public record Folder(long id, Long parentId, String name, long caseCount) {
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("parentId", parentId).put("name", name).put("caseCount", caseCount);
    }
}
