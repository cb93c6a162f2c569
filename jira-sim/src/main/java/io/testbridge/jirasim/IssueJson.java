package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Renders issues the way REST v3 (Cloud) or v2 (DC) returns them, limited to the requested fields. */
final class IssueJson {

    private static final String EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,"
            + "versionedRepresentations";

    /** Which fields to include: null means all. */
    record Selection(Set<String> fields) {

        static final Selection ALL = new Selection(null);
        static final Selection ID_ONLY = new Selection(Set.of());

        /** Parses Jira's fields parameter: comma-separated ids, *all, *navigable, -excluded. */
        static Selection parse(String param, Selection whenAbsent) {
            if (param == null || param.isBlank()) {
                return whenAbsent;
            }
            Set<String> names = new LinkedHashSet<>(Arrays.stream(param.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("-")).toList());
            if (names.contains("*all") || names.contains("*navigable")) {
                return ALL;
            }
            return new Selection(names);
        }

        boolean includes(String field) {
            return fields == null || fields.contains(field);
        }

        boolean isIdOnly() {
            return fields != null && fields.stream().allMatch(f -> f.equals("id"));
        }
    }

    private IssueJson() {
    }

    static JsonObject render(JiraIssue issue, RestCaller caller, SimulatorState state, Selection selection) {
        JsonObject json = new JsonObject().put("expand", EXPAND).put("id", issue.id)
                .put("self", caller.restBase() + "/issue/" + issue.id).put("key", issue.key);
        if (selection.isIdOnly()) {
            return new JsonObject().put("id", issue.id);
        }
        JsonObject all = allFields(issue, caller, state);
        JsonObject fields = new JsonObject();
        all.forEach(entry -> {
            if (selection.includes(entry.getKey())) {
                fields.put(entry.getKey(), entry.getValue());
            }
        });
        return json.put("fields", fields);
    }

    private static JsonArray attachments(JiraIssue issue, RestCaller caller, SimulatorState state) {
        JsonArray list = new JsonArray();
        caller.data().attachments(issue.key).forEach(a -> list.add(IssueResource.attachmentJson(a, caller, state)));
        return list;
    }

    private static JsonObject allFields(JiraIssue issue, RestCaller caller, SimulatorState state) {
        String base = caller.restBase();
        FieldCatalog.Status status = issue.status;
        JsonObject statusJson = new JsonObject().put("self", base + "/status/" + status.id).put("id", status.id)
                .put("name", status.label).put("description", "").put("statusCategory", new JsonObject()
                        .put("id", status.categoryId).put("key", status.categoryKey)
                        .put("colorName", status.categoryColor).put("name", status.label));
        FieldCatalog.Option priority = FieldCatalog.priority(issue.priorityId).orElseThrow();
        JsonArray components = new JsonArray();
        issue.components.forEach(c -> components.add(new JsonObject().put("id", c.id()).put("name", c.name())));
        JsonObject fields = new JsonObject()
                .put("summary", issue.summary)
                .put("status", statusJson)
                .put("assignee", state.findUser(issue.assigneeAccountId == null ? "" : issue.assigneeAccountId)
                        .map(u -> caller.dialect().user(u, base)).orElse(null))
                .put("issuetype", FieldCatalog.issueTypeJson(issue.issueType, base))
                .put("priority", new JsonObject().put("self", base + "/priority/" + priority.id())
                        .put("id", priority.id()).put("name", priority.value()))
                .put("project", MetaResource.projectJson(issue.project, caller))
                .put("description", caller.dialect().renderRichText(issue.description))
                .put("labels", new JsonArray(issue.labels))
                .put("components", components)
                .put("attachment", attachments(issue, caller, state))
                .put("created", JiraTime.format(issue.created))
                .put("updated", JiraTime.format(issue.created));
        if (issue.issueType.requiresBugFields()) {
            fields.put("environment", caller.dialect().renderRichText(issue.environment));
        }
        issue.customFields.forEach((id, value) -> fields.put(id, value instanceof FieldCatalog.Option option
                ? new JsonObject().put("id", option.id()).put("value", option.value())
                : id.equals(FieldCatalog.STEPS_TO_REPRODUCE_FIELD) ? caller.dialect().renderRichText(value) : value));
        return fields;
    }
}
