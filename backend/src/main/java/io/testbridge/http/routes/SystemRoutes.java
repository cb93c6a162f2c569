package io.testbridge.http.routes;

import io.testbridge.config.AppConfig;
import io.testbridge.crypto.SecretBox;
import io.testbridge.db.Database;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.identity.Identity;
import io.testbridge.integrations.Integrations;
import io.testbridge.integrations.JiraInstance;
import io.testbridge.oauth.OAuth;
import io.testbridge.observability.RecentJiraErrors;
import io.testbridge.shared.Version;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What this server is (About, for everyone) and how it is doing (System page, for administrators):
 * each module reports its own counts.
 */
public final class SystemRoutes implements ApiModule {
    private final Pool pool;
    private final SecretBox secrets;
    private final AppConfig config;
    private final Clock clock;
    private final RecentJiraErrors jiraErrors;
    private final Identity identity;
    private final Integrations integrations;
    private final OAuth oauth;
    private final Instant startedAt;

    public SystemRoutes(Pool pool, SecretBox secrets, AppConfig config, Clock clock, RecentJiraErrors jiraErrors,
                        Identity identity, Integrations integrations, OAuth oauth) {
        this.pool = pool;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.jiraErrors = jiraErrors;
        this.identity = identity;
        this.integrations = integrations;
        this.oauth = oauth;
        this.startedAt = clock.instant();
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "getAbout", ctx -> ApiResponses.json(ctx, 200, new JsonObject().put("name", "Testbridge").put("version", Version.CURRENT)),
                "getSystem", ctx -> ApiResponses.reply(ctx, 200, system()));
    }

    private Future<JsonObject> system() {
        Future<String> databaseVersion = Database.serverVersion(pool);
        Future<Long> users = identity.countUsers();
        Future<JsonObject> instances = integrations.counts();
        Future<JsonObject> connections = oauth.counts();
        Future<JsonArray> errors = namedJiraErrors(jiraErrors.snapshot());
        return Future.all(databaseVersion, users, instances, connections, errors).map(all -> new JsonObject()
                .put("version", Version.CURRENT)
                .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds())
                .put("database", new JsonObject().put("mode", config.embeddedDatabase() ? "embedded" : "external")
                        .put("version", databaseVersion.result()))
                .put("encryptionKeyId", secrets.currentKeyId())
                .put("counts", instances.result().copy().mergeIn(connections.result()).put("users", users.result()))
                .put("recentJiraErrors", errors.result()));
    }

    /**
     * The recent Jira errors with the name of their instance, newest first; errors of instances
     * deleted since are left out (nobody can act on them).
     */
    private Future<JsonArray> namedJiraErrors(JsonArray errors) {
        if (errors.isEmpty()) {
            return Future.succeededFuture(errors);
        }
        List<Long> ids = errors.stream().map(error -> ((JsonObject) error).getLong("instanceId")).distinct().toList();
        return integrations.getAll(ids).map(instances -> {
            Map<Long, String> names = instances.stream().collect(Collectors.toMap(JiraInstance::id, JiraInstance::name, (a, b) -> a));
            List<JsonObject> named = errors.stream().map(JsonObject.class::cast)
                    .filter(error -> names.containsKey(error.getLong("instanceId")))
                    .map(error -> error.copy().put("instanceName", names.get(error.getLong("instanceId"))))
                    .sorted(Comparator.comparing((JsonObject error) -> error.getString("at")).reversed())
                    .toList();
            return new JsonArray(new ArrayList<>(named));
        });
    }
}
