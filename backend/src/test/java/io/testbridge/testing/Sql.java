package io.testbridge.testing;

import io.testbridge.config.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC into a test database, for looking at what the application stored. */
public final class Sql {
    private final DatabaseUrl database;

    public Sql(DatabaseUrl database) {
        this.database = database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
                database.user(), database.password());
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> column(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(column(sql).get(0));
    }

    /** Every row of every table of the public schema, as text (for secret scans). */
    public String dumpAllTables() {
        StringBuilder dump = new StringBuilder();
        for (String table : column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            for (String row : column("SELECT t::text FROM " + table + " t")) {
                dump.append(table).append(": ").append(row).append('\n');
            }
        }
        return dump.toString();
    }
}
