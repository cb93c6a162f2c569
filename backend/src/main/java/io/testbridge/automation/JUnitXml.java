package io.testbridge.automation;

import io.testbridge.cycles.TestOutcome;

import javax.xml.stream.XMLStreamConstants;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JUnit XML as Maven Surefire, Gradle, pytest and jest-junit write it: {@code <testsuites>} or
 * {@code <testsuite>} (nested suites too), each {@code <testcase name classname time>} with an
 * optional {@code <failure>}, {@code <error>} or {@code <skipped>}, and its own
 * {@code <system-out>} / {@code <system-err>}. A test is identified by its class name (else its
 * suite's name) and name: {@code io.testbridge.FooTest#bar}. Suite-level output and properties, and
 * Surefire's re-run records ({@code <flakyFailure>}, {@code <rerunFailure>}), are not kept.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    /** Reads the report whose root element ({@code testsuites} or {@code testsuite}) is the current one. */
    static void read(XmlReport xml, String file, TestCollector tests) {
        Deque<String> suites = new ArrayDeque<>();
        suites.push("");
        if (xml.name().equals("testsuite")) {
            suites.push(suiteName(xml, file, tests, suites.peek()));
        }
        for (int event = xml.nextTag(); event != XMLStreamConstants.END_DOCUMENT; event = xml.nextTag()) {
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (xml.name().equals("testsuite") && suites.size() > 1) {
                    suites.pop();
                }
                continue;
            }
            switch (xml.name()) {
                case "testsuite" -> suites.push(suiteName(xml, file, tests, suites.peek()));
                case "testcase" -> testCase(xml, file, tests, suites.peek());
                default -> xml.skip();
            }
        }
    }

    private static String suiteName(XmlReport xml, String file, TestCollector tests, String outer) {
        String name = tests.name(xml.attribute("name"), "suite name", file, xml.line());
        return name.isEmpty() ? outer : name;
    }

    private static void testCase(XmlReport xml, String file, TestCollector tests, String suite) {
        int line = xml.line();
        String name = tests.name(xml.attribute("name"), "name", file, line);
        if (name.isEmpty()) {
            throw new ReportProblem(file, line, "a <testcase> has no name attribute");
        }
        String className = tests.name(xml.attribute("classname"), "class name", file, line);
        String owner = className.isEmpty() ? suite : className;
        long durationMs = seconds(xml.attribute("time"), file, line);
        TestOutcome outcome = TestOutcome.PASSED;
        String type = null;
        BoundedText message = null;
        BoundedText stack = null;
        BoundedText out = null;
        BoundedText err = null;
        // each child is read or skipped whole, so the next end tag is the test case's own
        for (int event = xml.nextTag(); event != XMLStreamConstants.END_ELEMENT; event = xml.nextTag()) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new ReportProblem(file, xml.line(), "the file ends inside <testcase name=\"" + name + "\">");
            }
            switch (xml.name()) {
                case "failure", "error" -> {
                    TestOutcome found = xml.name().equals("error") ? TestOutcome.ERROR : TestOutcome.FAILED;
                    if (found.severity() > outcome.severity()) {
                        outcome = found;
                        type = xml.attribute("type");
                        message = tests.text().append(xml.attribute("message"));
                        stack = xml.text(tests.text());
                    } else {
                        xml.skip();
                    }
                }
                case "skipped" -> {
                    if (outcome == TestOutcome.PASSED) {
                        outcome = TestOutcome.SKIPPED;
                        message = tests.text().append(xml.attribute("message"));
                    }
                    xml.skip();
                }
                case "system-out" -> out = xml.text(tests.text());
                case "system-err" -> err = xml.text(tests.text());
                default -> xml.skip();
            }
        }
        if ((message == null || message.isEmpty()) && stack != null && !stack.isEmpty()) {
            message = tests.text().append(stack.firstLine());
        }
        String identifier = owner.isEmpty() ? name : owner + "#" + name;
        String title = owner.isEmpty() ? name : simpleName(owner) + " › " + name;
        tests.add(file, line, identifier, title, outcome, durationMs, type, message, stack, out, err);
    }

    /**
     * A number written with a decimal comma ("0,012", "12,5": some locales) or with thousands
     * separators ("1,234.5", "1,234", "12,345,678"), as Java reads it. A single comma with no dot is
     * the decimal separator unless it groups thousands (1 to 3 digits, not starting with 0, then
     * exactly three): "0,012" is 12 ms, "1,234" is 1,234 s.
     */
    static String decimal(String value) {
        boolean oneComma = value.indexOf(',') >= 0 && value.indexOf(',') == value.lastIndexOf(',');
        if (oneComma && value.indexOf('.') < 0 && !value.matches("[+]?[1-9][0-9]{0,2},[0-9]{3}")) {
            return value.replace(',', '.');
        }
        return value.replace(",", "");
    }

    /** "0.012", "0,012", "1,234.5" (older Surefire in some locales): seconds, as milliseconds. */
    static long seconds(String value, String file, int line) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(decimal(value.strip()));
            if (!(seconds >= 0) || seconds > 1e9) {
                throw new NumberFormatException();
            }
            return Math.round(seconds * 1000);
        } catch (NumberFormatException e) {
            throw new ReportProblem(file, line, "time=\"" + shorten(value) + "\" is not a number of seconds");
        }
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 || dot == className.length() - 1 ? className : className.substring(dot + 1);
    }

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
