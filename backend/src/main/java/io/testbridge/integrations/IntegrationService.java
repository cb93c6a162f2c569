package io.testbridge.integrations;

import io.testbridge.shared.Actor;
import io.testbridge.shared.EncodedJson;
import io.testbridge.audit.AuditEventType;
import io.testbridge.audit.AuditLog;
import io.testbridge.db.SqlErrors;
import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.testbridge.jira.Deployment;
import io.testbridge.jira.JiraUrl;
import io.testbridge.jira.JiraVersion;
import io.testbridge.jira.OutboundGuard;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Registers Jira instances, identifies them, and keeps their reachability up to date. */
final class IntegrationService implements Integrations {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);
    private static final String SELECT = JiraInstance.SELECT + JiraInstance.FROM;
    private static final String SELECT_WITH_TOTAL = JiraInstance.SELECT + ", count(*) OVER () AS total" + JiraInstance.FROM;
    private static final String MATCHES = " WHERE i.base_url ILIKE $1 OR i.name ILIKE $1";

    private final Pool pool;
    private final Clock clock;
    private final InstanceProbe probe;
    private final OutboundGuard guard;
    private final AuditLog audit;
    private final InstanceCache instanceCache;

    IntegrationService(Pool pool, Clock clock, InstanceProbe probe, OutboundGuard guard, AuditLog audit, InstanceCache instanceCache) {
        this.pool = pool;
        this.instanceCache = instanceCache;
        this.clock = clock;
        this.probe = probe;
        this.guard = guard;
        this.audit = audit;
    }

    /**
     * One page of the instances whose URL or name contains {@code filter} (case-insensitive), by name.
     * One round trip: the total comes with the rows (a window count); only a page past the end asks again.
     * Pages are cached on this node until what they show changes ({@link InstanceCache}), as are single instances.
     */
    @Override
    public Future<EncodedJson> list(String filter, int page, int pageSize) {
        String text = filter == null ? "" : filter.strip();
        return instanceCache.page(text, page, pageSize, () -> read(text, page, pageSize));
    }

    private Future<EncodedJson> read(String filter, int page, int pageSize) {
        String pattern = "%" + escapeLike(filter) + "%";
        return pool.preparedQuery(SELECT_WITH_TOTAL + MATCHES + " ORDER BY lower(i.name), i.id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(pattern, pageSize, (long) (page - 1) * pageSize))
                .compose(rows -> {
                    JsonArray items = new JsonArray();
                    long total = 0;
                    for (Row row : rows) {
                        items.add(JiraInstance.from(row).toJson());
                        total = row.getLong("total");
                    }
                    Future<Long> counted = items.isEmpty() ? count(pattern) : Future.succeededFuture(total);
                    return counted.map(count -> EncodedJson.of(new JsonObject().put("items", items).put("total", count)
                            .put("page", page).put("pageSize", pageSize)));
                });
    }

    private Future<Long> count(String pattern) {
        return pool.preparedQuery("SELECT count(*) FROM jira_instances i" + MATCHES).execute(Tuple.of(pattern))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    @Override
    public Future<JiraInstance> get(long id) {
        return instanceCache.instance(id, () -> read(id));
    }

    private Future<JiraInstance> read(long id) {
        return pool.preparedQuery(SELECT + " WHERE i.id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Failure.notFound("There is no Jira instance " + id + "."))
                        : Future.succeededFuture(JiraInstance.from(rows.iterator().next())));
    }

    /** Validates, identifies and stores a new instance; an unreachable one is stored and marked so. */
    @Override
    public Future<JiraInstance> create(String name, String baseUrl, Deployment deployment, Actor actor) {
        JiraUrl url = JiraUrl.parse("baseUrl", baseUrl);
        guard.checkScheme("baseUrl", url);
        return identifyForRegistration(deployment, url).compose(found -> {
            Checked checked = Checked.of(found, deployment);
            return pool.withTransaction(tx -> tx.preparedQuery("""
                            INSERT INTO jira_instances (name, base_url, deployment, cloud_id, server_version, server_title,
                                                        oauth_refusal, reachable, unreachable_reason, checked_at, created_by)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""")
                    .execute(Tuple.from(List.of(name, url.toString(), deployment.name())).addValue(checked.cloudId())
                            .addValue(checked.version()).addValue(checked.title()).addValue(checked.oauthRefusal())
                            .addValue(checked.reachable()).addValue(checked.reason()).addValue(now()).addValue(actor.userId()))
                    .map(rows -> rows.iterator().next().getLong(0))
                    .compose(id -> audit.record(tx, id, name, actor, AuditEventType.INSTANCE_ADDED, true,
                            deployment + " " + url + (Boolean.FALSE.equals(checked.reachable()) ? " (unreachable: " + checked.reason() + ")"
                                    : found instanceof Identification.DataCenterBehindLogin ? " (version unknown: serverInfo needs a login)" : ""))
                            .map(id)));
        }).recover(IntegrationService::explainDuplicate).onComplete(written -> instanceCache.forget()).compose(this::get)
                .onSuccess(instance -> LOG.info("event=instance_added instance_id={} deployment={} status={}",
                        instance.id(), deployment, instance.status()));
    }

    /** Renames, or moves to another URL or type (re-identifying it); the OAuth connection must be off for a move. */
    @Override
    public Future<JiraInstance> update(long id, JsonObject patch, Actor actor) {
        return get(id).compose(current -> {
            String name = patch.containsKey("name") ? patch.getString("name").strip() : current.name();
            Deployment deployment = patch.containsKey("deployment") ? Deployment.valueOf(patch.getString("deployment")) : current.deployment();
            JiraUrl url = JiraUrl.parse("baseUrl", patch.getString("baseUrl", current.baseUrl()));
            boolean moved = !url.toString().equals(current.baseUrl()) || deployment != current.deployment();
            if (!moved) {
                return pool.withTransaction(tx -> tx.preparedQuery("UPDATE jira_instances SET name = $2, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(id, name))
                        .compose(done -> audit.record(tx, id, name, actor, AuditEventType.INSTANCE_UPDATED, true,
                                name.equals(current.name()) ? "no change" : "renamed from " + current.name())))
                        .map(id);
            }
            if (current.oauthEnabled()) {
                return Future.failedFuture(Failure.conflict("baseUrl",
                        "Turn OAuth off for this instance before changing its URL or type."));
            }
            guard.checkScheme("baseUrl", url);
            return identifyForRegistration(deployment, url).compose(found -> {
                Checked checked = Checked.of(found, deployment);
                return pool.<Long>withTransaction(tx -> tx.preparedQuery("""
                                UPDATE jira_instances SET name = $2, base_url = $3, deployment = $4, cloud_id = $5,
                                       server_version = $6, server_title = $7, oauth_refusal = $8, reachable = $9,
                                       unreachable_reason = $10, checked_at = $11, updated_at = now()
                                 WHERE id = $1""")
                        .execute(Tuple.from(List.of(id, name, url.toString(), deployment.name())).addValue(checked.cloudId())
                                .addValue(checked.version()).addValue(checked.title()).addValue(checked.oauthRefusal())
                                .addValue(checked.reachable()).addValue(checked.reason()).addValue(now()))
                        .compose(done -> audit.record(tx, id, name, actor, AuditEventType.INSTANCE_UPDATED, true,
                                "moved from " + current.deployment() + " " + current.baseUrl() + " to " + deployment + " " + url)))
                        .map(id);
            });
        }).recover(IntegrationService::explainDuplicate).onComplete(written -> instanceCache.forget()).compose(this::get);
    }

    @Override
    public Future<Void> delete(long id, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM jira_instances WHERE id = $1 RETURNING name, base_url")
                        .execute(Tuple.of(id))
                        .compose(rows -> rows.size() == 0
                                ? Future.failedFuture(Failure.notFound("There is no Jira instance " + id + "."))
                                : audit.record(tx, id, rows.iterator().next().getString("name"), actor, AuditEventType.INSTANCE_REMOVED, true,
                                        rows.iterator().next().getString("base_url"))))
                .onComplete(written -> instanceCache.forget())
                .onSuccess(done -> LOG.info("event=instance_removed instance_id={}", id))
                .mapEmpty();
    }

    /** Checks one instance now: reachability, and what it is (version, cloud id). */
    @Override
    public Future<JiraInstance> check(long id) {
        return get(id).compose(instance -> {
            JiraUrl url = JiraUrl.parse("baseUrl", instance.baseUrl());
            return guard.checkAddress(url)
                    .compose(allowed -> probe.identify(instance.deployment(), url))
                    .recover(error -> Future.succeededFuture(new Identification.Unreachable(error.getMessage())))
                    .compose(found -> store(id, Checked.of(found, instance.deployment())));
        });
    }

    @Override
    public Future<List<JiraInstance>> getAll(List<Long> ids) {
        return pool.preparedQuery(SELECT + " WHERE i.id = ANY ($1) ORDER BY lower(i.name), i.id")
                .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<JiraInstance> instances = new ArrayList<>();
                    rows.forEach(row -> instances.add(JiraInstance.from(row)));
                    return instances;
                });
    }

    @Override
    public Future<JiraInstance> confirmVersion(long id, String accessToken, Actor actor) {
        return get(id).compose(instance -> {
            if (instance.deployment() != Deployment.DATA_CENTER || instance.serverVersion() != null) {
                return Future.succeededFuture(instance);
            }
            return probe.identifyDataCenterSignedIn(JiraUrl.parse("baseUrl", instance.baseUrl()), accessToken).compose(found -> {
                if (!(found instanceof Identification.DataCenter dc)) {
                    LOG.info("event=instance_version_unconfirmed instance_id={}", id);
                    return Future.succeededFuture(instance);
                }
                Checked checked = Checked.of(dc, Deployment.DATA_CENTER);
                return store(id, checked).compose(confirmed -> pool.withTransaction(tx -> audit.record(tx, id, instance.name(), actor,
                                AuditEventType.INSTANCE_UPDATED, true, "Jira " + dc.versionText() + " confirmed through the first connection"
                                        + (checked.oauthRefusal() == null ? "" : "; " + checked.oauthRefusal())))
                        .map(confirmed));
            });
        });
    }

    @Override
    public Future<Void> learnCloudId(long id, String cloudId) {
        return pool.preparedQuery("UPDATE jira_instances SET cloud_id = $2 WHERE id = $1 AND cloud_id IS NULL")
                .execute(Tuple.of(id, cloudId)).onComplete(written -> instanceCache.forget()).mapEmpty();
    }

    @Override
    public Future<Void> listChanged() {
        instanceCache.forget();
        return Future.succeededFuture();
    }

    @Override
    public Future<JsonObject> counts() {
        return pool.query("SELECT count(*) AS instances, count(*) FILTER (WHERE c.enabled) AS connected" + JiraInstance.FROM).execute()
                .map(rows -> new JsonObject().put("instances", rows.iterator().next().getLong("instances"))
                        .put("connectedInstances", rows.iterator().next().getLong("connected")));
    }

    /** Checks every instance, a few at a time (the background job). */
    Future<Integer> checkAll() {
        return pool.query("SELECT id FROM jira_instances ORDER BY checked_at NULLS FIRST").execute().compose(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong(0)));
            return checkInTurn(ids, 0).map(ids.size());
        });
    }

    private Future<Void> checkInTurn(List<Long> ids, int from) {
        if (from >= ids.size()) {
            return Future.succeededFuture();
        }
        int to = Math.min(ids.size(), from + 8);
        List<Future<JiraInstance>> batch = new ArrayList<>();
        for (long id : ids.subList(from, to)) {
            batch.add(check(id).recover(error -> Future.succeededFuture()));
        }
        return Future.join(batch).compose(done -> checkInTurn(ids, to));
    }

    private Future<JiraInstance> store(long id, Checked checked) {
        return pool.preparedQuery("""
                        UPDATE jira_instances SET cloud_id = COALESCE($2, cloud_id), server_version = COALESCE($3, server_version),
                               server_title = COALESCE($4, server_title),
                               oauth_refusal = CASE WHEN $3::text IS NULL THEN oauth_refusal ELSE $5 END,
                               reachable = $6, unreachable_reason = $7, checked_at = $8
                         WHERE id = $1""")
                .execute(Tuple.from(List.of(id)).addValue(checked.cloudId()).addValue(checked.version())
                        .addValue(checked.title()).addValue(checked.oauthRefusal()).addValue(checked.reachable())
                        .addValue(checked.reason()).addValue(now()))
                .onComplete(written -> instanceCache.forget())
                .compose(done -> get(id));
    }

    /** At registration, a URL that answers but is not a Jira of this type is refused, naming what was found. */
    private Future<Identification> identifyForRegistration(Deployment deployment, JiraUrl url) {
        return guard.checkAddress(url)
                .recover(error -> Future.failedFuture(Failure.invalid("baseUrl", error.getMessage())))
                .compose(allowed -> probe.identify(deployment, url))
                .compose(found -> found instanceof Identification.NotJira notJira
                        ? Future.failedFuture(Failure.invalid("baseUrl", notJira.reason()))
                        : Future.succeededFuture(found));
    }

    private static <T> Future<T> explainDuplicate(Throwable error) {
        return SqlErrors.is(error, SqlErrors.UNIQUE_VIOLATION)
                ? Future.failedFuture(new Failure(ErrorCode.CONFLICT, "This Jira instance is already registered.", "baseUrl"))
                : Future.failedFuture(error);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The columns one identification sets. */
    private record Checked(String cloudId, String version, String title, String oauthRefusal, Boolean reachable, String reason) {
        static Checked of(Identification found, Deployment deployment) {
            if (found instanceof Identification.CloudSite site) {
                return new Checked(site.cloudId(), null, null, null, true, null);
            }
            if (found instanceof Identification.DataCenter dc) {
                String refusal = dc.version().supportsOAuth2Provider() ? null
                        : "Jira " + dc.versionText() + " cannot be an OAuth 2.0 provider: OAuth 2.0 needs Jira Data Center "
                        + JiraVersion.OAUTH2_PROVIDER_MINIMUM.shortText() + " or later. Upgrade Jira to connect it with OAuth.";
                return new Checked(null, dc.versionText(), dc.title(), refusal, true, null);
            }
            if (found instanceof Identification.DataCenterBehindLogin) {
                return new Checked(null, null, null, null, true, null);
            }
            String reason = found instanceof Identification.Unreachable unreachable ? unreachable.reason()
                    : ((Identification.NotJira) found).reason();
            return new Checked(null, null, null, null, false, reason);
        }
    }
}
