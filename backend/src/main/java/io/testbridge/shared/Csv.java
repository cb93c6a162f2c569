package io.testbridge.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as spreadsheets read and write it (RFC 4180): cells quoted when they hold the delimiter, a
 * quote or a line break. Written cells that start like a formula ({@code = + - @}, tab, CR) get a
 * leading {@code '} so a spreadsheet shows them instead of running them; {@link #parse} takes that
 * {@code '} off again, so an export imports back as it was.
 */
public final class Csv {
    /** What Excel and others read as "this file is UTF-8". */
    public static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One cell, quoted as needed, formula-guarded. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** One line of cells, comma-separated, ending in CRLF. */
    public static String line(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(values.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** A record of a parsed file: its cells, and the line of the file it starts on (1 = the first line). */
    public record Record(int line, List<String> cells) {
        public boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** A file that is not CSV: where, and why. */
    public static final class MalformedCsv extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedCsv(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Parses a whole file. A leading byte order mark is skipped; the delimiter is the one of
     * {@code , ; tab} that the first line holds most of (outside quotes); quoted cells may hold
     * delimiters, doubled quotes and line breaks; CRLF and LF both end a record.
     *
     * @throws MalformedCsv naming the line, for a quote that never closes or text after a closing quote
     */
    public static List<Record> parse(String text) {
        String content = text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        char delimiter = delimiterOf(content);
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int quoteLine = 0;
        int length = content.length();
        for (int i = 0; i < length; i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < length && content.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            if (c == delimiter) {
                cells.add(unguard(cell.toString()));
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\r' && i + 1 < length && content.charAt(i + 1) == '\n') {
                continue;
            } else if (c == '\n' || c == '\r') {
                cells.add(unguard(cell.toString()));
                records.add(new Record(recordLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                afterQuote = false;
                line++;
                recordLine = line;
            } else if (afterQuote) {
                throw new MalformedCsv(line, "text after the closing quote of a cell; double a quote inside a quoted cell (\"\")");
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                quoteLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new MalformedCsv(quoteLine, "a quoted cell that starts here never ends; close it with a quote (\")");
        }
        if (!cell.isEmpty() || !cells.isEmpty() || afterQuote) {
            cells.add(unguard(cell.toString()));
            records.add(new Record(recordLine, List.copyOf(cells)));
        }
        return records;
    }

    /** The formula guard {@link #cell} added, taken off again. */
    private static String unguard(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 ? value.substring(1) : value;
    }

    private static char delimiterOf(String content) {
        int[] counts = new int[3];
        char[] candidates = {',', ';', '\t'};
        boolean quoted = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }
}
