package io.testbridge.testcases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What a CSV file holds, or did: how many cases (new and updated) and steps, and every problem by
 * row (as a spreadsheet numbers them, the header being row 1) and column. A file with a problem
 * imports nothing.
 */
public record ImportReport(boolean imported, int rows, int newCases, int updatedCases, int steps, List<Problem> problems) {

    /** One thing wrong in the file; {@code column} null when it is the whole row or file. */
    public record Problem(int row, String column, String message) {
        JsonObject toJson() {
            return new JsonObject().put("row", row).put("column", column).put("message", message);
        }
    }

    public JsonObject toJson() {
        JsonArray list = new JsonArray();
        problems.forEach(problem -> list.add(problem.toJson()));
        return new JsonObject().put("imported", imported).put("rows", rows).put("newCases", newCases).put("updatedCases", updatedCases)
                .put("steps", steps).put("problems", list);
    }
}
