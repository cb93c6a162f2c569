package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue types, statuses, priorities and the create-screen fields of every simulated Jira. "Bug"
 * has three required custom fields (a single-select, a one-line and a multi-line text field) and
 * Jira's Environment, so that clients must read the create metadata instead of assuming summary and
 * description are enough, and must send rich text as ADF on Cloud.
 */
final class FieldCatalog {

    static final String SEVERITY_FIELD = "customfield_10010";
    static final String FOUND_IN_BUILD_FIELD = "customfield_10011";
    /** A required multi-line text field (rich text: ADF on Cloud), as many Bug screens have. */
    static final String STEPS_TO_REPRODUCE_FIELD = "customfield_10012";
    static final String DEFAULT_PRIORITY_ID = "3";
    /**
     * "Incident" has a long create screen: {@value #INCIDENT_NOTE_COUNT} optional text fields, then the
     * required "Customer impact", beyond the first page of 50 that Data Center's createmeta answers.
     */
    static final String INCIDENT_TYPE_ID = "10004";
    static final int INCIDENT_NOTE_COUNT = 60;
    static final String CUSTOMER_IMPACT_FIELD = "customfield_10300";

    record IssueType(String id, String name, String description, boolean requiresBugFields) {
    }

    enum Status {
        TO_DO("10000", "To Do", "new", "blue-gray", 2),
        IN_PROGRESS("3", "In Progress", "indeterminate", "yellow", 4),
        DONE("10001", "Done", "done", "green", 3);

        final String id;
        final String label;
        final String categoryKey;
        final String categoryColor;
        final int categoryId;

        Status(String id, String label, String categoryKey, String categoryColor, int categoryId) {
            this.id = id;
            this.label = label;
            this.categoryKey = categoryKey;
            this.categoryColor = categoryColor;
            this.categoryId = categoryId;
        }
    }

    record Option(String id, String value) {
    }

    static final List<IssueType> ISSUE_TYPES = List.of(
            new IssueType("10001", "Task", "A small, distinct piece of work.", false),
            new IssueType("10002", "Bug", "A problem or error.", true),
            new IssueType("10003", "Story", "A user story.", false),
            new IssueType(INCIDENT_TYPE_ID, "Incident", "A service interruption.", false));

    static final List<Option> PRIORITIES = List.of(new Option("1", "Highest"), new Option("2", "High"),
            new Option("3", "Medium"), new Option("4", "Low"), new Option("5", "Lowest"));

    static final List<Option> SEVERITIES = List.of(new Option("10100", "Critical"), new Option("10101", "Major"),
            new Option("10102", "Minor"));

    private FieldCatalog() {
    }

    static Optional<IssueType> issueType(String idOrName) {
        return ISSUE_TYPES.stream()
                .filter(type -> type.id().equals(idOrName) || type.name().equalsIgnoreCase(idOrName)).findFirst();
    }

    static Optional<Option> priority(String idOrName) {
        return PRIORITIES.stream()
                .filter(p -> p.id().equals(idOrName) || p.value().equalsIgnoreCase(idOrName)).findFirst();
    }

    static Optional<Option> severity(String idOrValue) {
        return SEVERITIES.stream()
                .filter(s -> s.id().equals(idOrValue) || s.value().equals(idOrValue)).findFirst();
    }

    static JsonObject issueTypeJson(IssueType type, String restBase) {
        return new JsonObject().put("self", restBase + "/issuetype/" + type.id()).put("id", type.id())
                .put("description", type.description()).put("name", type.name()).put("subtask", false)
                .put("iconUrl", restBase + "/issuetype/" + type.id() + "/avatar");
    }

    /** The create-screen fields of one issue type in one project, as createmeta reports them. */
    static List<JsonObject> createFields(IssueType type, JiraProject project) {
        List<JsonObject> fields = new ArrayList<>();
        fields.add(field("summary", "Summary", true, system("string", "summary"), null));
        fields.add(field("issuetype", "Issue Type", true, system("issuetype", "issuetype"), null));
        fields.add(field("project", "Project", true, system("project", "project"), null));
        fields.add(field("description", "Description", false, system("string", "description"), null));
        JsonArray priorities = new JsonArray();
        PRIORITIES.forEach(p -> priorities.add(new JsonObject().put("id", p.id()).put("name", p.value())));
        fields.add(field("priority", "Priority", false, system("priority", "priority"), priorities)
                .put("hasDefaultValue", true)
                .put("defaultValue", new JsonObject().put("id", DEFAULT_PRIORITY_ID).put("name", "Medium")));
        fields.add(field("labels", "Labels", false,
                system("array", "labels").put("items", "string"), null));
        JsonArray components = new JsonArray();
        project.components().forEach(c -> components.add(new JsonObject().put("id", c.id()).put("name", c.name())));
        fields.add(field("components", "Components", false,
                system("array", "components").put("items", "component"), components));
        fields.add(field("assignee", "Assignee", false, system("user", "assignee"), null));
        if (type.requiresBugFields()) {
            JsonArray options = new JsonArray();
            SEVERITIES.forEach(s -> options.add(new JsonObject().put("id", s.id()).put("value", s.value())));
            fields.add(field(SEVERITY_FIELD, "Severity", true,
                    custom("option", "com.atlassian.jira.plugin.system.customfieldtypes:select", 10010), options));
            fields.add(field(FOUND_IN_BUILD_FIELD, "Found in build", true,
                    custom("string", "com.atlassian.jira.plugin.system.customfieldtypes:textfield", 10011), null));
            fields.add(field(STEPS_TO_REPRODUCE_FIELD, "Steps to reproduce", true,
                    custom("string", "com.atlassian.jira.plugin.system.customfieldtypes:textarea", 10012), null));
            fields.add(field("environment", "Environment", false, system("string", "environment"), null));
        }
        if (type.id().equals(INCIDENT_TYPE_ID)) {
            for (String noteField : incidentNoteFields()) {
                fields.add(field(noteField, "Note " + (incidentNoteFields().indexOf(noteField) + 1), false, custom("string",
                        "com.atlassian.jira.plugin.system.customfieldtypes:textfield", customId(noteField)), null));
            }
            fields.add(field(CUSTOMER_IMPACT_FIELD, "Customer impact", true, custom("string",
                    "com.atlassian.jira.plugin.system.customfieldtypes:textfield", customId(CUSTOMER_IMPACT_FIELD)), null));
        }
        return fields;
    }

    /** The optional text fields of Incident, customfield_10200 onwards. */
    static List<String> incidentNoteFields() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INCIDENT_NOTE_COUNT; i++) {
            ids.add("customfield_" + (10200 + i));
        }
        return ids;
    }

    private static int customId(String fieldId) {
        return Integer.parseInt(fieldId.substring("customfield_".length()));
    }

    private static JsonObject field(String id, String name, boolean required, JsonObject schema,
            JsonArray allowedValues) {
        JsonObject field = new JsonObject().put("required", required).put("schema", schema).put("name", name)
                .put("key", id).put("fieldId", id).put("hasDefaultValue", false)
                .put("operations", new JsonArray().add("set"));
        if (allowedValues != null) {
            field.put("allowedValues", allowedValues);
        }
        return field;
    }

    private static JsonObject system(String type, String system) {
        return new JsonObject().put("type", type).put("system", system);
    }

    private static JsonObject custom(String type, String custom, int customId) {
        return new JsonObject().put("type", type).put("custom", custom).put("customId", customId);
    }
}
