package io.testbridge.jirasim;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The conditions of the JQL subset, validated against the data the way Jira validates them. */
final class JqlConditions {

    private JqlConditions() {
    }

    static Predicate<JiraIssue> keyIn(List<String> keys, String field, JiraData data) throws JqlException {
        for (String key : keys) {
            if (!key.matches("[A-Za-z][A-Za-z0-9_]*-\\d+") && !key.matches("\\d+")) {
                throw new JqlException("The issue key '" + key + "' for field '" + field + "' is invalid.");
            }
            if (data.issue(key).isEmpty()) {
                throw new JqlException("An issue with key '" + key + "' does not exist for field '" + field + "'.");
            }
        }
        return issue -> keys.stream().anyMatch(k -> issue.key.equalsIgnoreCase(k) || issue.id.equals(k));
    }

    static Predicate<JiraIssue> projectIn(List<String> projects, JiraData data) throws JqlException {
        for (String project : projects) {
            boolean exists = data.project(project).isPresent()
                    || data.projects().stream().anyMatch(p -> p.name().equalsIgnoreCase(project));
            if (!exists) {
                throw new JqlException("The value '" + project + "' does not exist for the field 'project'.");
            }
        }
        return issue -> projects.stream().anyMatch(p -> issue.project.key().equalsIgnoreCase(p)
                || issue.project.id().equals(p) || issue.project.name().equalsIgnoreCase(p));
    }

    /** Jira's ~ is a word search; a case-insensitive match of every word is close enough here. */
    static Predicate<JiraIssue> contains(String field, String phrase) throws JqlException {
        List<String> words = List.of(phrase.toLowerCase(Locale.ROOT).replace("*", "").split("\\s+")).stream()
                .filter(w -> !w.isBlank()).toList();
        if (words.isEmpty()) {
            throw new JqlException("The field '" + field + "' does not support searching for an empty string.");
        }
        return issue -> {
            String haystack = (field.equals("summary") ? issue.summary : issue.searchableText())
                    .toLowerCase(Locale.ROOT);
            return words.stream().allMatch(haystack::contains);
        };
    }
}
