package io.testbridge.db.backup;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backup file holds, written as its last entry ({@value #ENTRY}): the versions it was taken
 * at, the key its secrets are sealed with, and every table with its columns, row count and
 * checksum. A restore checks the file against it before it touches a database.
 */
public record BackupManifest(int format, String testbridgeVersion, String schemaVersion, Instant takenAt, String keyId,
                             boolean includesKey, List<Table> tables, Map<String, Sequence> sequences) {
    public static final String ENTRY = "manifest.json";
    /** The manifest's own SHA-256 (each table's is in the manifest). */
    public static final String CHECKSUM_ENTRY = "manifest.sha256";
    public static final String KEY_ENTRY = "secret.key";
    public static final int FORMAT = 1;

    /** One table: its entry holds the rows in PostgreSQL's binary COPY format, for exactly these columns. */
    public record Table(String name, List<String> columns, long rows, long bytes, String sha256) {
        public String entry() {
            return "tables/" + name + ".pgcopy";
        }
    }

    /** A sequence's position, set again after the rows are loaded so new ids never collide. */
    public record Sequence(long lastValue, boolean isCalled) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    public JsonObject toJson() {
        JsonArray tableArray = new JsonArray();
        for (Table table : tables) {
            tableArray.add(new JsonObject().put("name", table.name()).put("columns", new JsonArray(table.columns()))
                    .put("rows", table.rows()).put("bytes", table.bytes()).put("sha256", table.sha256()));
        }
        JsonObject sequenceObject = new JsonObject();
        sequences.forEach((name, sequence) -> sequenceObject.put(name,
                new JsonObject().put("lastValue", sequence.lastValue()).put("isCalled", sequence.isCalled())));
        return new JsonObject().put("format", format).put("testbridgeVersion", testbridgeVersion).put("schemaVersion", schemaVersion)
                .put("takenAt", takenAt.toString()).put("keyId", keyId).put("includesKey", includesKey)
                .put("tables", tableArray).put("sequences", sequenceObject);
    }

    /** Reads a manifest; a missing or mistyped field is a {@link BackupRefused}. */
    public static BackupManifest fromJson(String text) {
        try {
            JsonObject json = new JsonObject(text);
            List<Table> tables = new ArrayList<>();
            for (Object item : json.getJsonArray("tables")) {
                JsonObject table = (JsonObject) item;
                List<String> columns = new ArrayList<>();
                table.getJsonArray("columns").forEach(column -> columns.add((String) column));
                tables.add(new Table(required(table, "name"), columns, table.getLong("rows"), table.getLong("bytes"), required(table, "sha256")));
            }
            Map<String, Sequence> sequences = new TreeMap<>();
            JsonObject sequenceObject = json.getJsonObject("sequences");
            for (String name : sequenceObject.fieldNames()) {
                JsonObject sequence = sequenceObject.getJsonObject(name);
                sequences.put(name, new Sequence(sequence.getLong("lastValue"), sequence.getBoolean("isCalled")));
            }
            return new BackupManifest(json.getInteger("format"), required(json, "testbridgeVersion"), required(json, "schemaVersion"),
                    Instant.parse(required(json, "takenAt")), required(json, "keyId"), json.getBoolean("includesKey"), tables, sequences);
        } catch (DecodeException | ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new BackupRefused("The backup's manifest is damaged: " + e.getMessage());
        }
    }

    private static String required(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null) {
            throw new BackupRefused("The backup's manifest has no " + field + ".");
        }
        return value;
    }
}
