package io.testbridge.observability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last error this node saw talking to each Jira instance, for the admin System page (a node-local cache). */
public final class RecentJiraErrors {
    private final Clock clock;
    private final Map<Long, JsonObject> last = new ConcurrentHashMap<>();

    public RecentJiraErrors(Clock clock) {
        this.clock = clock;
    }

    public void record(long instanceId, String what) {
        last.put(instanceId, new JsonObject().put("instanceId", instanceId).put("at", clock.instant().toString()).put("error", what));
    }

    public JsonArray snapshot() {
        JsonArray items = new JsonArray();
        last.values().forEach(items::add);
        return items;
    }
}
