package io.testbridge.automation;

import io.testbridge.cycles.TestOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where readers put the tests they find: checks names against the limits, keeps one result per
 * identifier, counts tests against the limit, and bounds the details (per field, and for the whole
 * upload) as they arrive, so nothing unbounded is held.
 */
final class TestCollector {
    /** Longer than 100 days is no test's duration (and would not fit an interval). */
    static final long MAX_DURATION_MS = 100L * 24 * 3600 * 1000;
    /** The longest identifier, in UTF-8 bytes: it is a unique index's key, and PostgreSQL's btree rows hold at most 2,704 bytes. */
    static final int MAX_IDENTIFIER_BYTES = 2_000;

    private final ReportLimits limits;
    private final Map<String, ParsedTest> tests = new LinkedHashMap<>();
    private long detailBudget;
    private int reported;

    TestCollector(ReportLimits limits) {
        this.limits = limits;
        this.detailBudget = limits.detailBudgetChars();
    }

    /** A bounded buffer for one detail (message, stack trace, output) of the test being read. */
    BoundedText text() {
        return new BoundedText(detailBudget > 0 ? limits.detailChars() : ReportLimits.SHORT_DETAIL);
    }

    /** A name or class name, checked against the limit. */
    String name(String value, String what, String file, int line) {
        if (value != null && value.length() > limits.maxNameChars()) {
            throw new ReportProblem(file, line, "the test's " + what + " is " + value.length() + " characters long; at most "
                    + limits.maxNameChars() + " are accepted");
        }
        return value == null ? "" : value.strip();
    }

    /** Refuses the upload once {@code pending} tests read but not yet added would take it over the limit. */
    void expectMore(int pending, String file, int line) {
        if ((long) reported + pending > limits.maxTests()) {
            throw tooMany(file, line);
        }
    }

    private ReportProblem tooMany(String file, int line) {
        return new ReportProblem(file, line, "the upload has more than " + limits.maxTests() + " tests; split it into several uploads");
    }

    void add(String file, int line, String identifier, String title, TestOutcome outcome, long durationMs, String failureType,
             BoundedText message, BoundedText stackTrace, BoundedText systemOut, BoundedText systemErr) {
        if (++reported > limits.maxTests()) {
            throw tooMany(file, line);
        }
        int bytes = identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            // PostgreSQL's unique index on (project_id, automation_id) cannot hold a key much longer (2,704 bytes a row)
            throw new ReportProblem(file, line, "the test's identifier is " + bytes + " bytes long in UTF-8; at most " + MAX_IDENTIFIER_BYTES
                    + " are accepted (a name in a script of three bytes a character takes at most about 660 characters)");
        }
        if (durationMs > MAX_DURATION_MS) {
            throw new ReportProblem(file, line, "the test's duration (" + durationMs + " ms) is more than 100 days");
        }
        ParsedTest test = new ParsedTest(storable(identifier), storable(title), outcome, Math.max(0, durationMs),
                failureType == null ? null : storable(cut(failureType)), spend(message), spend(stackTrace), spend(systemOut), spend(systemErr));
        tests.merge(test.identifier(), test, ParsedTest::merge);
    }

    int reported() {
        return reported;
    }

    List<ParsedTest> tests() {
        return new ArrayList<>(tests.values());
    }

    private String spend(BoundedText text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String value = storable(text.value());
        detailBudget -= value.length();
        return value;
    }

    /** PostgreSQL's text cannot hold NUL (JSON can say \\u0000): it becomes U+FFFD, the replacement character. */
    static String storable(String value) {
        return value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }

    private String cut(String value) {
        return value.length() <= 500 ? value : value.substring(0, 500);
    }
}
