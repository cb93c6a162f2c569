package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The conditions of the JQL subset, validated against the data the way Jira validates them. */
final class JqlConditions {

    private JqlConditions() {
    }

    /** What a text term starting with {@code *} or {@code ?} does. */
    enum LeadingWildcard {
        /** Data Center: "JIRA does NOT support leading wildcards" — the query fails. */
        REFUSED,
        /** Cloud documents {@code *} only at the end of a word; a leading one is dropped here. */
        IGNORED
    }

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NOT_A_TERM = Pattern.compile("[^\\p{L}\\p{N}*?]+");

    /**
     * Keys must exist, as in Jira; with {@code warnings} (validateQuery=warn) an unknown key is reported
     * there and matches nothing instead of failing the query.
     */
    static Predicate<JiraIssue> keyIn(List<String> keys, String field, JiraData data, List<String> warnings)
            throws JqlException {
        List<String> known = new ArrayList<>();
        for (String key : keys) {
            String problem = null;
            if (!key.matches("[A-Za-z][A-Za-z0-9_]*-\\d+") && !key.matches("\\d+")) {
                problem = "The issue key '" + key + "' for field '" + field + "' is invalid.";
            } else if (data.issue(key).isEmpty()) {
                problem = "An issue with key '" + key + "' does not exist for field '" + field + "'.";
            }
            if (problem == null) {
                known.add(key);
            } else if (warnings == null) {
                throw new JqlException(problem);
            } else {
                warnings.add(problem);
            }
        }
        return issue -> known.stream().anyMatch(k -> issue.key.equalsIgnoreCase(k) || issue.id.equals(k));
    }

    static Predicate<JiraIssue> projectIn(List<String> projects, JiraData data, List<String> warnings)
            throws JqlException {
        List<String> known = new ArrayList<>();
        for (String project : projects) {
            boolean exists = data.project(project).isPresent()
                    || data.projects().stream().anyMatch(p -> p.name().equalsIgnoreCase(project));
            if (exists) {
                known.add(project);
            } else if (warnings == null) {
                throw new JqlException("The value '" + project + "' does not exist for the field 'project'.");
            } else {
                warnings.add("The value '" + project + "' does not exist for the field 'project'.");
            }
        }
        return issue -> known.stream().anyMatch(p -> issue.project.key().equalsIgnoreCase(p)
                || issue.project.id().equals(p) || issue.project.name().equalsIgnoreCase(p));
    }

    /**
     * Jira's {@code ~}: word-based, not substring. Every term must match a whole word of the field
     * (case-insensitive); {@code *} matches any letters or digits, {@code ?} one, so {@code "log*"}
     * finds "login" while {@code "log"} does not. Punctuation separates words, in the text and in
     * the terms, as Jira's indexer does.
     */
    static Predicate<JiraIssue> words(String field, String phrase, LeadingWildcard leadingWildcard)
            throws JqlException {
        List<Pattern> terms = new ArrayList<>();
        for (String term : NOT_A_TERM.split(phrase.toLowerCase(Locale.ROOT))) {
            if (!term.isEmpty() && (term.charAt(0) == '*' || term.charAt(0) == '?')) {
                if (leadingWildcard == LeadingWildcard.REFUSED) {
                    throw new JqlException("The '" + term.charAt(0) + "' character is not allowed as the first "
                            + "character of a term in the text query '" + phrase + "'.");
                }
                term = term.replaceFirst("^[*?]+", "");
            }
            if (!term.isEmpty()) {
                terms.add(Pattern.compile(Pattern.quote(term).replace("*", "\\E[\\p{L}\\p{N}]*\\Q")
                        .replace("?", "\\E[\\p{L}\\p{N}]\\Q")));
            }
        }
        if (terms.isEmpty()) {
            throw new JqlException("The field '" + field + "' does not support searching for an empty string.");
        }
        return issue -> {
            List<String> words = List.of(NOT_A_WORD.split(
                    (field.equals("summary") ? issue.summary : issue.searchableText()).toLowerCase(Locale.ROOT)));
            return terms.stream().allMatch(term -> words.stream().anyMatch(word -> term.matcher(word).matches()));
        };
    }
}
