package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Request bodies for create-issue calls. */
final class IssueBodies {

    private IssueBodies() {
    }

    static JsonObject cloudTask(String summary) {
        JsonObject description = new JsonObject().put("type", "doc").put("version", 1).put("content",
                new JsonArray().add(new JsonObject().put("type", "paragraph").put("content",
                        new JsonArray().add(new JsonObject().put("type", "text").put("text", "Created by a test")))));
        return new JsonObject().put("fields", new JsonObject().put("project", new JsonObject().put("key", "TB"))
                .put("issuetype", new JsonObject().put("id", "10001")).put("summary", summary)
                .put("description", description));
    }

    static JsonObject dcTask(String summary) {
        return new JsonObject().put("fields", new JsonObject().put("project", new JsonObject().put("key", "TB"))
                .put("issuetype", new JsonObject().put("name", "Task")).put("summary", summary)
                .put("description", "Created by a test"));
    }
}
