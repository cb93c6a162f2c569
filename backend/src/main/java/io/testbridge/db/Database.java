package io.testbridge.db;

import io.testbridge.config.AppConfig;
import io.testbridge.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The application's one reactive connection pool (the model: okapi's PostgresHandle). */
public final class Database {
    private Database() {
    }

    public static Pool pool(Vertx vertx, DatabaseUrl url, AppConfig config) {
        PgConnectOptions connect = connectOptions(url)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        PoolOptions pool = new PoolOptions()
                .setMaxSize(config.dbPoolSize())
                .setMaxWaitQueueSize(2_000)
                .setConnectionTimeout((int) config.dbConnectTimeout().toSeconds())
                .setShared(true)
                .setName("testbridge");
        return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
    }

    /** The PostgreSQL server's version, as it reports it. */
    public static Future<String> serverVersion(Pool pool) {
        return pool.query("SELECT current_setting('server_version')").execute().map(rows -> rows.iterator().next().getString(0));
    }

    /** Where and as whom to connect, for the pool and for single connections (LISTEN). */
    public static PgConnectOptions connectOptions(DatabaseUrl url) {
        return new PgConnectOptions()
                .setHost(url.host())
                .setPort(url.port())
                .setDatabase(url.database())
                .setUser(url.user())
                .setPassword(url.password());
    }
}
