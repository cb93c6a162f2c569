package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a create-issue request against the create metadata and stores the issue. Errors are
 * collected per field, as Jira reports them in {"errors":{field: message}}.
 */
final class IssueCreation {

    private static final Set<String> KNOWN_FIELDS = Set.of("project", "issuetype", "summary", "description",
            "priority", "labels", "components", "assignee", "environment", FieldCatalog.SEVERITY_FIELD,
            FieldCatalog.FOUND_IN_BUILD_FIELD, FieldCatalog.STEPS_TO_REPRODUCE_FIELD);
    private static final Set<String> BUG_ONLY_FIELDS = Set.of("environment", FieldCatalog.SEVERITY_FIELD,
            FieldCatalog.FOUND_IN_BUILD_FIELD, FieldCatalog.STEPS_TO_REPRODUCE_FIELD);

    final Map<String, String> errors = new LinkedHashMap<>();
    JiraIssue created;

    static IssueCreation attempt(JsonObject fields, RestCaller caller, SimulatorState state, Instant now) {
        IssueCreation creation = new IssueCreation();
        creation.run(fields, caller, state, now);
        return creation;
    }

    private void run(JsonObject fields, RestCaller caller, SimulatorState state, Instant now) {
        JiraProject project = project(fields, caller);
        FieldCatalog.IssueType type = issueType(fields);
        rejectUnknownFields(fields, type);
        String summary = summary(fields);
        for (String richText : List.of("description", "environment", FieldCatalog.STEPS_TO_REPRODUCE_FIELD)) {
            String problem = caller.dialect().richTextProblem(fields.getValue(richText));
            if (problem != null) {
                errors.put(richText, problem);
            }
        }
        boolean bug = type != null && type.requiresBugFields();
        boolean incident = type != null && type.id().equals(FieldCatalog.INCIDENT_TYPE_ID);
        Map<String, String> incidentText = incident ? incidentText(fields) : Map.of();
        FieldCatalog.Option severity = bug ? severity(fields.getValue(FieldCatalog.SEVERITY_FIELD)) : null;
        String build = bug ? foundInBuild(fields.getValue(FieldCatalog.FOUND_IN_BUILD_FIELD)) : null;
        if (bug && Adf.plainText(fields.getValue(FieldCatalog.STEPS_TO_REPRODUCE_FIELD)).isBlank()
                && !errors.containsKey(FieldCatalog.STEPS_TO_REPRODUCE_FIELD)) {
            errors.put(FieldCatalog.STEPS_TO_REPRODUCE_FIELD, "Steps to reproduce is required.");
        }
        FieldCatalog.Option priority = optionalPriority(fields.getValue("priority"));
        SimUser assignee = optionalAssignee(fields.getValue("assignee"), caller, state);
        List<String> labels = labels(fields.getValue("labels"));
        List<JiraProject.Component> components = project == null ? List.of()
                : components(fields.getValue("components"), project);
        if (!errors.isEmpty()) {
            return;
        }
        JiraIssue issue = caller.data().newIssue(project, type, now);
        issue.summary = summary;
        issue.description = fields.getValue("description");
        issue.priorityId = priority == null ? FieldCatalog.DEFAULT_PRIORITY_ID : priority.id();
        issue.assigneeAccountId = assignee == null ? null : assignee.accountId();
        issue.labels = labels;
        issue.components = components;
        if (bug) {
            issue.customFields.put(FieldCatalog.SEVERITY_FIELD, severity);
            issue.customFields.put(FieldCatalog.FOUND_IN_BUILD_FIELD, build);
            issue.customFields.put(FieldCatalog.STEPS_TO_REPRODUCE_FIELD, fields.getValue(FieldCatalog.STEPS_TO_REPRODUCE_FIELD));
            issue.environment = fields.getValue("environment");
        }
        issue.customFields.putAll(incidentText);
        created = issue;
    }

    private JiraProject project(JsonObject fields, RestCaller caller) {
        JiraProject project = reference(fields.getValue("project"))
                .flatMap(ref -> caller.data().project(ref.getString("key", ref.getString("id")))).orElse(null);
        if (project == null) {
            errors.put("project", fields.containsKey("project") ? "valid project is required"
                    : "Specify a valid project ID or key");
        } else if (!project.canCreateIssues(caller.user())) {
            errors.put("project", "You do not have permission to create issues in this project.");
        }
        return project;
    }

    private FieldCatalog.IssueType issueType(JsonObject fields) {
        FieldCatalog.IssueType type = reference(fields.getValue("issuetype"))
                .flatMap(ref -> FieldCatalog.issueType(ref.getString("id", ref.getString("name")))).orElse(null);
        if (type == null) {
            errors.put("issuetype", fields.containsKey("issuetype") ? "valid issue type is required"
                    : "Specify an issue type");
        }
        return type;
    }

    /** Fields that are not on the create screen of this issue type are refused, not ignored. */
    private void rejectUnknownFields(JsonObject fields, FieldCatalog.IssueType type) {
        for (String name : fields.fieldNames()) {
            boolean bugOnly = BUG_ONLY_FIELDS.contains(name);
            boolean incidentOnly = isIncidentField(name);
            boolean isIncident = type != null && type.id().equals(FieldCatalog.INCIDENT_TYPE_ID);
            if ((!KNOWN_FIELDS.contains(name) && !incidentOnly) || (bugOnly && type != null && !type.requiresBugFields())
                    || (incidentOnly && !isIncident)) {
                errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        }
    }

    private static boolean isIncidentField(String name) {
        return name.equals(FieldCatalog.CUSTOMER_IMPACT_FIELD) || FieldCatalog.incidentNoteFields().contains(name);
    }

    /** Incident's text fields; "Customer impact" is required. */
    private Map<String, String> incidentText(JsonObject fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : fields.fieldNames()) {
            if (!isIncidentField(name)) {
                continue;
            }
            if (fields.getValue(name) instanceof String text) {
                values.put(name, text);
            } else if (fields.getValue(name) != null) {
                errors.put(name, "Operation value must be a string");
            }
        }
        String impact = values.get(FieldCatalog.CUSTOMER_IMPACT_FIELD);
        if (impact == null || impact.isBlank()) {
            errors.putIfAbsent(FieldCatalog.CUSTOMER_IMPACT_FIELD, "Customer impact is required.");
        }
        return values;
    }

    private String summary(JsonObject fields) {
        String summary = fields.getValue("summary") instanceof String s ? s.strip() : null;
        if (summary == null || summary.isEmpty()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        }
        return summary;
    }

    private String foundInBuild(Object value) {
        String build = value instanceof String s && !s.isBlank() ? s : null;
        if (build == null) {
            errors.put(FieldCatalog.FOUND_IN_BUILD_FIELD, "Found in build is required.");
        }
        return build;
    }

    private FieldCatalog.Option severity(Object value) {
        if (value == null) {
            errors.put(FieldCatalog.SEVERITY_FIELD, "Severity is required.");
            return null;
        }
        JsonObject ref = value instanceof JsonObject o ? o : null;
        String key = ref == null ? null : ref.getString("id", ref.getString("value"));
        FieldCatalog.Option option = key == null ? null : FieldCatalog.severity(key).orElse(null);
        if (option == null) {
            errors.put(FieldCatalog.SEVERITY_FIELD, ref == null
                    ? "Specify a valid 'id' or 'name' for Severity"
                    : "Option value '" + key + "' is not valid");
        }
        return option;
    }

    private FieldCatalog.Option optionalPriority(Object value) {
        if (value == null) {
            return null;
        }
        String key = value instanceof JsonObject o ? o.getString("id", o.getString("name")) : null;
        FieldCatalog.Option priority = key == null ? null : FieldCatalog.priority(key).orElse(null);
        if (priority == null) {
            errors.put("priority", "Specify the Priority (id or name) in the string format");
        }
        return priority;
    }

    private SimUser optionalAssignee(Object value, RestCaller caller, SimulatorState state) {
        if (value == null) {
            return null;
        }
        SimUser user = value instanceof JsonObject ref ? caller.dialect().findUser(ref, state).orElse(null) : null;
        if (user == null) {
            errors.put("assignee", caller.dialect().isCloud() ? "Specify a valid value for assignee"
                    : "User '" + value + "' does not exist.");
        }
        return user;
    }

    private List<String> labels(Object value) {
        List<String> labels = new ArrayList<>();
        if (value == null) {
            return labels;
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
            errors.put("labels", "Field 'labels' must be an array of strings");
            return labels;
        }
        for (Object label : array) {
            if (((String) label).contains(" ")) {
                errors.put("labels", "Labels cannot contain spaces.");
            }
            labels.add((String) label);
        }
        return labels;
    }

    private List<JiraProject.Component> components(Object value, JiraProject project) {
        List<JiraProject.Component> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        JsonArray array = value instanceof JsonArray a ? a : new JsonArray();
        for (Object item : array) {
            JsonObject ref = item instanceof JsonObject o ? o : new JsonObject();
            String key = ref.getString("id", ref.getString("name"));
            project.components().stream().filter(c -> c.id().equals(key) || c.name().equals(key)).findFirst()
                    .ifPresentOrElse(result::add,
                            () -> errors.put("components", "Component name '" + key + "' is not valid"));
        }
        return result;
    }

    private static Optional<JsonObject> reference(Object value) {
        return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }
}
