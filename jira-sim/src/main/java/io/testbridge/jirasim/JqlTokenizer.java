package io.testbridge.jirasim;

import java.util.ArrayList;
import java.util.List;

/** Splits JQL into words, quoted strings and the punctuation the supported subset uses. */
final class JqlTokenizer {

    enum Kind { WORD, STRING, SYMBOL }

    record Token(Kind kind, String text) {

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private JqlTokenizer() {
    }

    static List<Token> tokenize(String jql) throws JqlException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < jql.length()) {
            char c = jql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                StringBuilder text = new StringBuilder();
                while (end < jql.length() && jql.charAt(end) != c) {
                    if (jql.charAt(end) == '\\' && end + 1 < jql.length()) {
                        end++;
                    }
                    text.append(jql.charAt(end++));
                }
                if (end >= jql.length()) {
                    throw new JqlException("Error in the JQL Query: The quoted string '" + text
                            + "' has not been completed. (line 1, character " + (i + 1) + ")");
                }
                tokens.add(new Token(Kind.STRING, text.toString()));
                i = end + 1;
            } else if (c == '!' || c == '<' || c == '>') {
                int end = i + 1 < jql.length() && (jql.charAt(i + 1) == '=' || jql.charAt(i + 1) == '~') ? i + 2 : i + 1;
                tokens.add(new Token(Kind.SYMBOL, jql.substring(i, end)));
                i = end;
            } else if ("=~(),".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            } else {
                int end = i;
                while (end < jql.length() && !Character.isWhitespace(jql.charAt(end))
                        && "=~(),!<>\"'".indexOf(jql.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, jql.substring(i, end)));
                i = end;
            }
        }
        return tokens;
    }
}
