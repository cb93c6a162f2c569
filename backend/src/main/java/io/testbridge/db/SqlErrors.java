package io.testbridge.db;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors that are the client's fault. */
public final class SqlErrors {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    public static boolean is(Throwable error, String sqlState) {
        return error instanceof PgException pg && sqlState.equals(pg.getSqlState());
    }
}
