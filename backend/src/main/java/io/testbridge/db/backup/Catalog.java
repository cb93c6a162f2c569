package io.testbridge.db.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the database's catalog says about Testbridge's schema: its tables, their columns, its
 * sequences, and an order to load the tables in. Read from PostgreSQL rather than listed here, so
 * a new table is in the next backup without anyone remembering to add it.
 */
final class Catalog {
    /** Flyway's own record: a backup carries its version instead, and a restore lets Flyway write it. */
    static final String SCHEMA_HISTORY = "flyway_schema_history";

    private Catalog() {
    }

    /** The schema's tables (Flyway's history aside), by name. */
    static List<String> tables(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ?
                 ORDER BY c.relname""")) {
            query.setString(1, SCHEMA_HISTORY);
            return firstColumn(query);
        }
    }

    /** The columns a backup carries: all but generated ones (PostgreSQL computes those again). */
    static List<String> columns(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass
                   AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                 ORDER BY a.attnum""")) {
            query.setString(1, table);
            return firstColumn(query);
        }
    }

    private static List<String> firstColumn(PreparedStatement query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Every sequence of the schema with its position. */
    static Map<String, BackupManifest.Sequence> sequences(Connection connection) throws SQLException {
        Map<String, BackupManifest.Sequence> sequences = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sequencename, coalesce(last_value, start_value), last_value IS NOT NULL FROM pg_sequences
                 WHERE schemaname = current_schema() ORDER BY sequencename""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                sequences.put(rows.getString(1), new BackupManifest.Sequence(rows.getLong(2), rows.getBoolean(3)));
            }
        }
        return sequences;
    }

    /** The schema version Flyway last applied, or null on a database it never prepared. */
    static String schemaVersion(Connection connection) throws SQLException {
        if (!tableExists(connection, SCHEMA_HISTORY)) {
            return null;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT version FROM " + SCHEMA_HISTORY + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?)) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /**
     * The tables in an order that loads every referenced row before the rows that reference it
     * (a table referring to itself is checked at the end of its own COPY, so it needs no order).
     */
    static List<String> loadOrder(Connection connection, List<String> tables) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        tables.forEach(table -> references.put(table, new LinkedHashSet<>()));
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT child.relname, parent.relname FROM pg_constraint f
                  JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid
                  JOIN pg_namespace n ON n.oid = child.relnamespace
                 WHERE f.contype = 'f' AND n.nspname = current_schema()""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String child = rows.getString(1);
                String parent = rows.getString(2);
                if (!child.equals(parent) && references.containsKey(child) && references.containsKey(parent)) {
                    references.get(child).add(parent);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < tables.size()) {
            boolean progress = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(references.get(table))) {
                    order.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("The schema's foreign keys form a cycle; no load order exists: " + references);
            }
        }
        return order;
    }

    /** A statement that takes something away for the load, and the one that puts it back after. */
    record Deferred(String drop, String create) {
    }

    /**
     * What a bulk load is faster without, as pg_restore knows: the indexes that back no constraint
     * (each would be updated row by row; built once after, it is one sort) and the foreign keys
     * (checked row by row; added after, one join checks them all). Primary keys and unique
     * constraints stay, so a duplicate still fails the load.
     */
    static List<Deferred> deferrable(Connection connection) throws SQLException {
        List<Deferred> deferred = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT format('DROP INDEX %I.%I', n.nspname, ic.relname), pg_get_indexdef(i.indexrelid)
                  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
                 WHERE n.nspname = current_schema()
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                 ORDER BY ic.relname""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                deferred.add(new Deferred(rows.getString(1), rows.getString(2)));
            }
        }
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname),
                       format('ALTER TABLE %I.%I ADD CONSTRAINT %I ', n.nspname, t.relname, c.conname) || pg_get_constraintdef(c.oid)
                  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE c.contype = 'f' AND n.nspname = current_schema()
                 ORDER BY t.relname, c.conname""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                deferred.add(new Deferred(rows.getString(1), rows.getString(2)));
            }
        }
        return deferred;
    }
}
