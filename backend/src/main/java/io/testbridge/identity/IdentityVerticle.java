package io.testbridge.identity;

import io.testbridge.bus.Doors;
import io.testbridge.config.AppConfig;
import io.testbridge.db.Notifications;
import io.testbridge.db.PeriodicJobs;
import io.testbridge.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/**
 * The identity module: serves {@link Identity} and owns the session and API token caches, the
 * LISTEN that hears other nodes' evictions of them, the API tokens' rate limit, the purge of
 * expired sessions and long-ended tokens, and the bounded pool that runs Argon2 ({@link PasswordWork}).
 */
public final class IdentityVerticle extends VerticleBase {
    private final Pool pool;
    private final Notifications notifications;
    private final AppConfig config;
    private final Clock clock;
    private final Metrics metrics;
    private SessionEvictions evictions;
    private PasswordWork passwords;

    public IdentityVerticle(Pool pool, Notifications notifications, AppConfig config, Clock clock, Metrics metrics) {
        this.pool = pool;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        evictions = new SessionEvictions(notifications, pool);
        SessionStore sessions = new SessionStore(evictions, pool, clock, config);
        ApiTokenStore apiTokens = new ApiTokenStore(evictions, pool, clock, config.apiTokenRequestsPerMinute());
        passwords = new PasswordWork(vertx, metrics);
        UserService users = new UserService(vertx, passwords, pool, sessions);
        LoginThrottle throttle = new LoginThrottle(pool, clock, config);
        return Doors.serve(vertx, Identity.class, new IdentityService(users, sessions, throttle, apiTokens))
                .onSuccess(served -> {
                    PeriodicJobs.everyTickOnThisNode(vertx, "session-purge", Duration.ofMinutes(10), sessions::purgeExpired);
                    PeriodicJobs.everyTickOnThisNode(vertx, "api-token-purge", Duration.ofMinutes(10), apiTokens::purgeEnded);
                    PeriodicJobs.everyTickOnThisNode(vertx, "login-throttle-purge", Duration.ofMinutes(10), throttle::forgetQuiet);
                });
    }

    @Override
    public Future<?> stop() {
        Future<Void> hashing = passwords == null ? Future.succeededFuture() : passwords.close();
        if (evictions != null) {
            evictions.close();
        }
        return hashing;
    }
}
