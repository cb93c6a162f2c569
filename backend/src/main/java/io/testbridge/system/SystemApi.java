package io.testbridge.system;

import io.testbridge.Version;
import io.testbridge.config.AppConfig;
import io.testbridge.crypto.SecretBox;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.observability.RecentJiraErrors;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        ApiResponses.reply(ctx, 200, pool.query("""
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
                            .put("recentJiraErrors", jiraErrors.snapshot());
                }));
    }
}
