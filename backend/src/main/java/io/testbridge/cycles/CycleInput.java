package io.testbridge.cycles;

import io.testbridge.errors.Failure;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** What people set on a cycle: its name, description, build, environment and planned dates. */
public record CycleInput(String name, String description, String build, String environment, LocalDate plannedStart, LocalDate plannedEnd) {

    /** From the API's JSON; {@code defaults} gives the values of absent fields (a PATCH), or null for a new cycle. */
    public static CycleInput fromJson(JsonObject json, CycleInput defaults) {
        String name = json.containsKey("name") ? json.getString("name") : defaults == null ? null : defaults.name;
        if (name == null || name.isBlank()) {
            throw Failure.invalid("name", "Give the cycle a name.");
        }
        LocalDate start = json.containsKey("plannedStart") ? date(json, "plannedStart") : defaults == null ? null : defaults.plannedStart;
        LocalDate end = json.containsKey("plannedEnd") ? date(json, "plannedEnd") : defaults == null ? null : defaults.plannedEnd;
        if (start != null && end != null && end.isBefore(start)) {
            throw Failure.invalid("plannedEnd", "The planned end comes on or after the planned start.");
        }
        return new CycleInput(name.strip(), text(json, "description", defaults == null ? "" : defaults.description),
                text(json, "build", defaults == null ? "" : defaults.build), text(json, "environment", defaults == null ? "" : defaults.environment),
                start, end);
    }

    private static String text(JsonObject json, String field, String fallback) {
        return json.containsKey(field) ? (json.getString(field) == null ? "" : json.getString(field).strip()) : fallback;
    }

    private static LocalDate date(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Failure.invalid(field, field + " is a date like 2026-12-24.");
        }
    }
}
