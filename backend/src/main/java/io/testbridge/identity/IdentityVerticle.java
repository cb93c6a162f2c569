package io.testbridge.identity;

import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.config.DatabaseUrl;
import io.testbridge.db.PeriodicJobs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/**
 * The identity module: serves {@link Identity} and owns the session cache, the LISTEN connection
 * that hears other nodes' session evictions, and the purge of expired sessions.
 */
public final class IdentityVerticle extends VerticleBase {
    private final Pool pool;
    private final DatabaseUrl databaseUrl;
    private final AppConfig config;
    private final Clock clock;
    private SessionStore sessions;

    public IdentityVerticle(Pool pool, DatabaseUrl databaseUrl, AppConfig config, Clock clock) {
        this.pool = pool;
        this.databaseUrl = databaseUrl;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        sessions = new SessionStore(vertx, pool, databaseUrl, clock, config);
        UserService users = new UserService(vertx, pool, sessions);
        LoginThrottle throttle = new LoginThrottle(pool, clock, config);
        return sessions.listen()
                .compose(listening -> Doors.serve(vertx, Identity.class, new IdentityService(users, sessions, throttle)))
                .onSuccess(served -> PeriodicJobs.everyTickOnThisNode(vertx, "session-purge", Duration.ofMinutes(10), sessions::purgeExpired));
    }

    @Override
    public Future<?> stop() {
        return sessions == null ? Future.succeededFuture() : sessions.close();
    }
}
