package io.testbridge.http.routes;

import io.testbridge.backup.BackupRun;
import io.testbridge.backup.BackupStatus;
import io.testbridge.backup.Backups;
import io.testbridge.config.AppConfig;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.backup.BackupFiles;
import io.testbridge.db.backup.BackupManifest;
import io.testbridge.db.backup.DatabaseBackup;
import io.testbridge.errors.ErrorCode;
import io.testbridge.http.BlockingResponseStream;
import io.testbridge.http.Requests;
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
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Backups backups;
    private final DatabaseUrl databaseUrl;
    private final Instant startedAt;
    /** One download at a time on this node: each holds a database connection and a worker thread for its whole length. */
    private final AtomicBoolean downloading = new AtomicBoolean();

    public SystemRoutes(Pool pool, SecretBox secrets, AppConfig config, Clock clock, RecentJiraErrors jiraErrors,
                        Identity identity, Integrations integrations, OAuth oauth, Backups backups, DatabaseUrl databaseUrl) {
        this.pool = pool;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.jiraErrors = jiraErrors;
        this.identity = identity;
        this.integrations = integrations;
        this.oauth = oauth;
        this.backups = backups;
        this.databaseUrl = databaseUrl;
        this.startedAt = clock.instant();
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "getAbout", ctx -> ApiResponses.json(ctx, 200, new JsonObject().put("name", "Testbridge").put("version", Version.CURRENT)),
                "getSystem", ctx -> ApiResponses.reply(ctx, 200, system()),
                "getBackups", ctx -> ApiResponses.reply(ctx, 200, backups.status().map(SystemRoutes::json)),
                "startBackup", ctx -> ApiResponses.reply(ctx, 202, backups.backUpNow(Requests.principal(ctx).userId()).map(SystemRoutes::json)),
                "downloadBackup", this::download);
    }

    /**
     * The whole database as a backup file, streamed as it is read (an online, consistent snapshot;
     * secrets sealed as stored, never the key). A failure after the first bytes cuts the answer
     * short, so the browser reports a failed download rather than saving half a file.
     */
    private void download(RoutingContext ctx) {
        if (!downloading.compareAndSet(false, true)) {
            ApiResponses.error(ctx, ErrorCode.CONFLICT, "A backup is being downloaded from this server; try again when it has finished.", null, null);
            return;
        }
        long userId = Requests.principal(ctx).userId();
        Instant began = clock.instant();
        String name = BackupFiles.name(clock);
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/zip")
                .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setChunked(true);
        Context context = ctx.vertx().getOrCreateContext();
        BlockingResponseStream out = new BlockingResponseStream(ctx.response(), context, 60);
        ctx.vertx().executeBlocking(() -> DatabaseBackup.write(databaseUrl, out, secrets.currentKeyId(), Optional.empty(), clock), false)
                .onComplete(done -> {
                    downloading.set(false);
                    BackupManifest manifest = done.succeeded() ? done.result() : null;
                    if (done.succeeded()) {
                        ctx.response().end();
                    } else if (!ctx.response().closed()) {
                        // cut short: the client sees a broken transfer, never a file that looks whole
                        ctx.response().reset();
                    }
                    backups.recordDownload(new BackupRun(BackupRun.Kind.DOWNLOAD, began, clock.instant(), done.succeeded(), name,
                            null, manifest == null ? null : manifest.totalRows(), done.succeeded() ? null : done.cause().getMessage(), userId));
                });
    }

    private static JsonObject json(BackupStatus status) {
        JsonArray latest = new JsonArray();
        for (BackupRun run : status.latest()) {
            latest.add(new JsonObject().put("kind", run.kind().name()).put("startedAt", run.startedAt().toString())
                    .put("finishedAt", run.finishedAt().toString()).put("succeeded", run.succeeded()).put("file", run.file())
                    .put("bytes", run.bytes()).put("rows", run.rows()).put("message", run.message()).put("startedBy", run.startedBy()));
        }
        return new JsonObject()
                .put("dailyAt", status.dailyAt().map(Object::toString).orElse(null))
                .put("nextRunAt", status.nextRunAt().map(Object::toString).orElse(null))
                .put("folder", status.folder().toString())
                .put("keep", status.keep())
                .put("runningSince", status.runningSince().map(Object::toString).orElse(null))
                .put("latest", latest);
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
