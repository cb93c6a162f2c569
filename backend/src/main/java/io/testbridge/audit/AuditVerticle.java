package io.testbridge.audit;

import io.testbridge.bus.Doors;
import io.testbridge.bus.EventAddresses;
import io.testbridge.config.AppConfig;
import io.testbridge.db.NotificationListener;
import io.testbridge.db.Notifications;
import io.testbridge.db.PeriodicJobs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The audit module: serves {@link History}, applies the retention setting, and turns every history
 * row committed on any node (heard from PostgreSQL) into {@link EventAddresses#AUDIT_RECORDED} on
 * this node's event bus, for the live history views.
 */
public final class AuditVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AuditVerticle.class);

    private final Pool pool;
    private final Notifications notifications;
    private final AppConfig config;
    private final Clock clock;
    private final PeriodicJobs jobs;
    private NotificationListener recorded;

    public AuditVerticle(Pool pool, Notifications notifications, AppConfig config, Clock clock, PeriodicJobs jobs) {
        this.pool = pool;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Override
    public Future<?> start() {
        HistoryService history = new HistoryService(pool, clock, config.historyRetention());
        recorded = notifications.listen(AuditLog.CHANNEL, this::publish, () -> { });
        if (!config.historyRetention().isZero()) {
            jobs.schedule(vertx, "history-retention", Duration.ofMinutes(15), Duration.ofHours(1),
                    history::applyRetention);
        }
        return Doors.serve(vertx, History.class, history);
    }

    private void publish(String payload) {
        try {
            vertx.eventBus().publish(EventAddresses.AUDIT_RECORDED, new JsonObject(payload));
        } catch (DecodeException e) {
            LOG.warn("event=audit_notification_unreadable reason={}", e.getMessage());
        }
    }

    @Override
    public Future<?> stop() {
        if (recorded != null) {
            recorded.close();
        }
        return Future.succeededFuture();
    }
}
