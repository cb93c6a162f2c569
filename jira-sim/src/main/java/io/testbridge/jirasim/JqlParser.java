package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses the JQL subset the simulator understands: {@code key|issuekey = X}, {@code key in (A, B)},
 * {@code project = X}, {@code project in (...)}, {@code text ~ "..."}, {@code summary ~ "..."},
 * joined by AND, optionally followed by {@code ORDER BY key|created [ASC|DESC]}. Anything else is
 * refused with a 400 in Jira's error shape, never silently ignored. Values are checked against the
 * data as Jira does (unknown project, unknown issue key).
 */
final class JqlParser {

    /** What Jira does with a value it cannot resolve (an unknown issue key or project). */
    enum Validation {
        /** The query fails (Jira's default, {@code validateQuery=strict}). */
        STRICT,
        /** Data Center's {@code validateQuery=warn}: a warning, and the value matches nothing. */
        WARN
    }

    private final List<JqlTokenizer.Token> tokens;
    private final JiraData data;
    private final JqlConditions.LeadingWildcard leadingWildcard;
    private final Validation validation;
    private final JqlQuery query = new JqlQuery();
    private int position;

    private JqlParser(List<JqlTokenizer.Token> tokens, JiraData data, JqlConditions.LeadingWildcard leadingWildcard,
            Validation validation) {
        this.tokens = tokens;
        this.data = data;
        this.leadingWildcard = leadingWildcard;
        this.validation = validation;
    }

    /** Data Center's rules: strict validation, a leading wildcard in a text term refused. */
    static JqlQuery parse(String jql, JiraData data) throws JqlException {
        return parse(jql, data, JqlConditions.LeadingWildcard.REFUSED, Validation.STRICT);
    }

    static JqlQuery parse(String jql, JiraData data, JqlConditions.LeadingWildcard leadingWildcard,
            Validation validation) throws JqlException {
        JqlParser parser = new JqlParser(JqlTokenizer.tokenize(jql == null ? "" : jql), data, leadingWildcard,
                validation);
        return parser.query();
    }

    private JqlQuery query() throws JqlException {
        if (!atEnd() && !peek().isWord("order")) {
            query.conditions.add(clause());
            while (!atEnd() && peek().isWord("and")) {
                position++;
                query.conditions.add(clause());
            }
        }
        if (!atEnd() && peek().isWord("order")) {
            position++;
            expectWord("by");
            query.order = ordering();
        }
        if (!atEnd()) {
            JqlTokenizer.Token unexpected = peek();
            String hint = unexpected.isWord("or") || unexpected.isWord("not")
                    ? " (the simulator supports only AND)" : "";
            throw new JqlException("Error in the JQL Query: Expecting either 'AND' or 'ORDER BY' but got '"
                    + unexpected.text() + "'." + hint);
        }
        return query;
    }

    private java.util.function.Predicate<JiraIssue> clause() throws JqlException {
        JqlTokenizer.Token field = next("a field name");
        String name = field.text().toLowerCase(Locale.ROOT);
        JqlTokenizer.Token operator = next("an operator");
        return switch (name) {
            case "key", "issuekey", "id" -> JqlConditions.keyIn(equalsOrIn(operator, field.text()), field.text(), data,
                    warnings());
            case "project" -> JqlConditions.projectIn(equalsOrIn(operator, field.text()), data, warnings());
            case "text", "summary" -> {
                if (!operator.isSymbol("~")) {
                    throw unsupportedOperator(operator, field.text());
                }
                yield JqlConditions.words(name, value(), leadingWildcard);
            }
            default -> throw new JqlException(
                    "Field '" + field.text() + "' does not exist or you do not have permission to view it.");
        };
    }

    /** Where unresolved values are reported when validation only warns; null when they are errors. */
    private List<String> warnings() {
        return validation == Validation.WARN ? query.warnings : null;
    }

    private List<String> equalsOrIn(JqlTokenizer.Token operator, String field) throws JqlException {
        if (operator.isSymbol("=")) {
            return List.of(value());
        }
        if (!operator.isWord("in")) {
            throw unsupportedOperator(operator, field);
        }
        if (!next("'('").isSymbol("(")) {
            throw new JqlException("Error in the JQL Query: Expecting '(' after 'in'.");
        }
        List<String> values = new ArrayList<>();
        values.add(value());
        while (peekIs(",")) {
            position++;
            values.add(value());
        }
        if (!next("')'").isSymbol(")")) {
            throw new JqlException("Error in the JQL Query: Expecting ')' to close the list.");
        }
        return values;
    }

    private Comparator<JiraIssue> ordering() throws JqlException {
        Comparator<JiraIssue> order = null;
        do {
            if (order != null) {
                position++;
            }
            JqlTokenizer.Token field = next("a field to order by");
            Comparator<JiraIssue> one = switch (field.text().toLowerCase(Locale.ROOT)) {
                case "key", "issuekey", "id" -> JqlQuery.byKey();
                case "created" -> JqlQuery.byCreated();
                default -> throw new JqlException("Error in the JQL Query: the simulator can order by key or "
                        + "created only, not '" + field.text() + "'.");
            };
            if (!atEnd() && peek().isWord("desc")) {
                position++;
                one = one.reversed();
            } else if (!atEnd() && peek().isWord("asc")) {
                position++;
            }
            order = order == null ? one : order.thenComparing(one);
        } while (peekIs(","));
        return order;
    }

    private String value() throws JqlException {
        JqlTokenizer.Token token = next("a value");
        if (token.kind() == JqlTokenizer.Kind.SYMBOL) {
            throw new JqlException("Error in the JQL Query: Expecting a value but got '" + token.text() + "'.");
        }
        return token.text();
    }

    private JqlException unsupportedOperator(JqlTokenizer.Token operator, String field) {
        return new JqlException("The operator '" + operator.text() + "' is not supported by the '" + field
                + "' field in this simulator.");
    }

    private void expectWord(String word) throws JqlException {
        if (!next("'" + word + "'").isWord(word)) {
            throw new JqlException("Error in the JQL Query: Expecting '" + word.toUpperCase(Locale.ROOT) + "'.");
        }
    }

    private JqlTokenizer.Token next(String expected) throws JqlException {
        if (atEnd()) {
            throw new JqlException("Error in the JQL Query: Expecting " + expected + " but the query ended.");
        }
        return tokens.get(position++);
    }

    private JqlTokenizer.Token peek() {
        return tokens.get(position);
    }

    private boolean peekIs(String symbol) {
        return !atEnd() && peek().isSymbol(symbol);
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }
}
