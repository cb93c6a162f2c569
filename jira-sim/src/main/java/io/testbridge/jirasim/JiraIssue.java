package io.testbridge.jirasim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One issue as stored. {@code description} is either plain text (from Data Center or seeded) or an
 * ADF document (created through Cloud v3); each dialect renders it its own way.
 */
final class JiraIssue {

    final String id;
    final String key;
    final JiraProject project;
    final FieldCatalog.IssueType issueType;
    final Instant created;
    String summary = "";
    Object description;
    /** Jira's Environment field: rich text like the description. */
    Object environment;
    FieldCatalog.Status status = FieldCatalog.Status.TO_DO;
    String assigneeAccountId;
    String priorityId = FieldCatalog.DEFAULT_PRIORITY_ID;
    List<String> labels = new ArrayList<>();
    List<JiraProject.Component> components = new ArrayList<>();
    final Map<String, Object> customFields = new LinkedHashMap<>();
    boolean deleted;

    JiraIssue(String id, String key, JiraProject project, FieldCatalog.IssueType issueType, Instant created) {
        this.id = id;
        this.key = key;
        this.project = project;
        this.issueType = issueType;
        this.created = created;
    }

    int number() {
        return Integer.parseInt(key.substring(key.indexOf('-') + 1));
    }

    /** Text that `text ~` searches: summary, description and text custom fields. */
    String searchableText() {
        StringBuilder text = new StringBuilder(summary);
        text.append(' ').append(Adf.plainText(description)).append(' ').append(Adf.plainText(environment));
        customFields.values().stream().filter(value -> value instanceof String || Adf.isDocument(value))
                .forEach(value -> text.append(' ').append(Adf.plainText(value)));
        return text.toString();
    }
}
