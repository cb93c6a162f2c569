package io.testbridge.testcases;

import io.vertx.core.json.JsonObject;

/**
 * One step of a case: what to do, with which data, and what should happen. Its id stays the same
 * through edits and moves, so versions can be compared step by step.
 */
public record Step(String id, String action, String data, String expected) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("action", action).put("data", data).put("expected", expected);
    }

    static Step fromJson(JsonObject json) {
        return new Step(json.getString("id"), json.getString("action", ""), json.getString("data", ""), json.getString("expected", ""));
    }

    boolean sameText(Step other) {
        return action.equals(other.action) && data.equals(other.data) && expected.equals(other.expected);
    }
}
