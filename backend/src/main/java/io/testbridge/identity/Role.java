package io.testbridge.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** A named set of rights; the built-in ones cannot be changed or deleted. */
public record Role(long id, String name, boolean builtIn, Set<Right> rights) {

    static Role from(Row row) {
        return new Role(row.getLong("id"), row.getString("name"), row.getBoolean("built_in"),
                rightsOf(row.getArrayOfStrings("rights")));
    }

    /** Rights stored or sent as text; names this version does not know are ignored, never fatal. */
    public static Set<Right> rightsOf(String[] names) {
        Set<Right> rights = EnumSet.noneOf(Right.class);
        if (names != null) {
            Arrays.stream(names)
                    .filter(name -> Arrays.stream(Right.values()).anyMatch(right -> right.name().equals(name)))
                    .map(Right::valueOf)
                    .forEach(rights::add);
        }
        return rights;
    }

    /** Rights sent as JSON names. */
    public static Set<Right> rightsOf(JsonArray names) {
        return rightsOf(names.stream().map(String::valueOf).toArray(String[]::new));
    }

    public JsonObject toJson() {
        JsonArray names = new JsonArray();
        rights.forEach(right -> names.add(right.name()));
        return new JsonObject().put("id", id).put("name", name).put("builtIn", builtIn).put("rights", names);
    }
}
