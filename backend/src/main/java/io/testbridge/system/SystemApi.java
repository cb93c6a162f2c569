package io.testbridge.system;

import io.testbridge.Version;
import io.testbridge.config.AppConfig;
import io.testbridge.crypto.SecretBox;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.observability.RecentJiraErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What this server is (About, for everyone) and how it is doing (System page, for administrators). */
public final class SystemApi implements ApiModule {
    private final Pool pool;
    private final SecretBox secrets;
    private final AppConfig config;
    private final Clock clock;
    private final RecentJiraErrors jiraErrors;
    private final Instant startedAt;

    public SystemApi(Pool pool, SecretBox secrets, AppConfig config, Clock clock, RecentJiraErrors jiraErrors) {
        this.pool = pool;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.jiraErrors = jiraErrors;
        this.startedAt = clock.instant();
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "getAbout", ctx -> ApiResponses.json(ctx, 200, new JsonObject().put("name", "Testbridge").put("version", Version.CURRENT)),
                "getSystem", this::system);
    }

    private void system(RoutingContext ctx) {
        Future<JsonObject> facts = pool.query("""
                        SELECT current_setting('server_version') AS version,
                               (SELECT count(*) FROM jira_instances) AS instances,
                               (SELECT count(*) FROM jira_instances WHERE oauth_enabled) AS connected_instances,
                               (SELECT count(*) FROM oauth_tokens WHERE status = 'ACTIVE') AS connections,
                               (SELECT count(*) FROM oauth_tokens WHERE status = 'NEEDS_REAUTHENTICATION') AS connections_needing_reauthentication,
                               (SELECT count(*) FROM users) AS users""").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new JsonObject()
                            .put("version", Version.CURRENT)
                            .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds())
                            .put("database", new JsonObject().put("mode", config.embeddedDatabase() ? "embedded" : "external")
                                    .put("version", row.getString("version")))
                            .put("encryptionKeyId", secrets.currentKeyId())
                            .put("counts", new JsonObject().put("instances", row.getLong("instances"))
                                    .put("connectedInstances", row.getLong("connected_instances"))
                                    .put("connections", row.getLong("connections"))
                                    .put("connectionsNeedingReauthentication", row.getLong("connections_needing_reauthentication"))
                                    .put("users", row.getLong("users")))
                            .put("recentJiraErrors", new JsonArray());
                });
        ApiResponses.reply(ctx, 200, facts.compose(system -> namedJiraErrors(jiraErrors.snapshot())
                .map(errors -> system.put("recentJiraErrors", errors))));
    }

    /**
     * The recent Jira errors with the name of their instance, newest first; errors of instances
     * deleted since are left out (nobody can act on them).
     */
    private Future<JsonArray> namedJiraErrors(JsonArray errors) {
        if (errors.isEmpty()) {
            return Future.succeededFuture(errors);
        }
        Long[] ids = errors.stream().map(error -> ((JsonObject) error).getLong("instanceId")).toArray(Long[]::new);
        return pool.preparedQuery("SELECT id, name FROM jira_instances WHERE id = ANY($1)").execute(Tuple.of(ids))
                .map(rows -> {
                    Map<Long, String> names = new HashMap<>();
                    rows.forEach(row -> names.put(row.getLong("id"), row.getString("name")));
                    List<JsonObject> named = errors.stream().map(JsonObject.class::cast)
                            .filter(error -> names.containsKey(error.getLong("instanceId")))
                            .map(error -> error.copy().put("instanceName", names.get(error.getLong("instanceId"))))
                            .sorted(Comparator.comparing((JsonObject error) -> error.getString("at")).reversed())
                            .toList();
                    return new JsonArray(new ArrayList<>(named));
                });
    }
}
