package io.testbridge.jira;

import io.testbridge.errors.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * Jira's create metadata for one field, and the conversion of the simple values the SPA sends
 * (a string, a number, a list of ids or labels) into the JSON Jira expects for that field type.
 */
public final class JiraFieldValues {
    /** Fields the create dialog fills itself. */
    public static final Set<String> HANDLED_BY_DIALOG = Set.of("summary", "description", "project", "issuetype", "reporter");

    private JiraFieldValues() {
    }

    static JsonObject describe(JsonObject field) {
        JsonObject schema = field.getJsonObject("schema", new JsonObject());
        JsonArray allowed = new JsonArray();
        field.getJsonArray("allowedValues", new JsonArray()).forEach(v -> {
            JsonObject value = (JsonObject) v;
            String label = value.getString("name", value.getString("value", value.getString("key", value.getString("id"))));
            allowed.add(new JsonObject().put("id", value.getString("id")).put("label", label));
        });
        return new JsonObject()
                .put("fieldId", field.getString("fieldId", field.getString("key")))
                .put("name", field.getString("name"))
                .put("required", field.getBoolean("required", false))
                .put("type", schema.getString("type", "string"))
                .put("itemsType", schema.getString("items"))
                .put("system", schema.getString("system"))
                .put("custom", schema.getString("custom"))
                .put("hasDefaultValue", field.getBoolean("hasDefaultValue", false))
                .put("richText", isRichText(schema))
                .put("allowedValues", allowed);
    }

    /** The Jira JSON of one value; {@code fieldKey} names the field in error messages. */
    public static Object jiraValue(JsonObject field, Object value, Deployment deployment, String fieldKey) {
        String type = field.getString("type");
        String items = field.getString("itemsType");
        String name = field.getString("name");
        switch (type) {
            case "number" -> {
                if (value instanceof Number number) {
                    return number;
                }
                try {
                    return Double.parseDouble(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw Failure.invalid(fieldKey, name + " must be a number.");
                }
            }
            case "option", "priority", "version", "component", "resolution", "securitylevel", "option-with-child" -> {
                return new JsonObject().put("id", single(value, fieldKey, name));
            }
            case "user" -> {
                return user(single(value, fieldKey, name), deployment);
            }
            case "array" -> {
                JsonArray values = list(value, fieldKey, name);
                JsonArray out = new JsonArray();
                for (Object item : values) {
                    String text = String.valueOf(item);
                    if ("string".equals(items)) {
                        out.add(text);
                    } else if ("user".equals(items)) {
                        out.add(user(text, deployment));
                    } else {
                        out.add(new JsonObject().put("id", text));
                    }
                }
                return out;
            }
            case "string" -> {
                String text = single(value, fieldKey, name);
                return deployment == Deployment.CLOUD && field.getBoolean("richText", false) ? Adf.fromPlainText(text) : text;
            }
            default -> {
                return single(value, fieldKey, name);
            }
        }
    }

    /**
     * Environment and multi-line text custom fields: rich text, which Jira Cloud takes only as
     * Atlassian Document Format (like the description) and Data Center as wiki text.
     */
    private static boolean isRichText(JsonObject schema) {
        return "environment".equals(schema.getString("system"))
                || "com.atlassian.jira.plugin.system.customfieldtypes:textarea".equals(schema.getString("custom"));
    }

    private static JsonObject user(String id, Deployment deployment) {
        return deployment == Deployment.CLOUD ? new JsonObject().put("accountId", id) : new JsonObject().put("name", id);
    }

    private static String single(Object value, String fieldKey, String name) {
        if (value instanceof JsonArray || value instanceof java.util.List<?>) {
            throw Failure.invalid(fieldKey, name + " takes one value.");
        }
        return String.valueOf(value);
    }

    private static JsonArray list(Object value, String fieldKey, String name) {
        if (value instanceof JsonArray array) {
            return array;
        }
        if (value instanceof java.util.List<?> list) {
            return new JsonArray(new java.util.ArrayList<>(list));
        }
        if (value instanceof String text) {
            return new JsonArray().add(text);
        }
        throw Failure.invalid(fieldKey, name + " takes a list of values.");
    }

    static boolean isBlank(Object value) {
        return value == null || (value instanceof String text && text.isBlank())
                || (value instanceof JsonArray array && array.isEmpty());
    }
}
