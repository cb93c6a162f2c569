package io.testbridge.automation;

import io.testbridge.cycles.TestOutcome;

import javax.xml.stream.XMLStreamConstants;

/**
 * TestNG's {@code testng-results.xml}: suites, tests and classes holding {@code <test-method>}s with
 * a status (PASS, FAIL, SKIP), {@code duration-ms}, an {@code <exception class>} with its
 * {@code <message>} and {@code <full-stacktrace>}, and {@code <reporter-output>} lines (kept as the
 * test's output). Configuration methods ({@code is-config="true"}) are not tests. A test is
 * identified by its class and method: {@code com.example.FooTest#bar}; a data provider's rows are
 * one test.
 */
final class TestNgXml {
    private TestNgXml() {
    }

    static void read(XmlReport xml, String file, TestCollector tests) {
        String className = "";
        for (int event = xml.nextTag(); event != XMLStreamConstants.END_DOCUMENT; event = xml.nextTag()) {
            if (event == XMLStreamConstants.END_ELEMENT) {
                continue;
            }
            switch (xml.name()) {
                case "suite", "test" -> {
                    // containers: their children are read in turn
                }
                case "class" -> className = tests.name(xml.attribute("name"), "class name", file, xml.line());
                case "test-method" -> method(xml, file, tests, className);
                default -> xml.skip();
            }
        }
    }

    private static void method(XmlReport xml, String file, TestCollector tests, String className) {
        int line = xml.line();
        if ("true".equals(xml.attribute("is-config"))) {
            xml.skip();
            return;
        }
        String name = tests.name(xml.attribute("name"), "name", file, line);
        if (name.isEmpty()) {
            throw new ReportProblem(file, line, "a <test-method> has no name attribute");
        }
        String status = xml.attribute("status");
        TestOutcome outcome = switch (status == null ? "" : status) {
            case "PASS" -> TestOutcome.PASSED;
            case "FAIL" -> TestOutcome.FAILED;
            case "SKIP" -> TestOutcome.SKIPPED;
            default -> throw new ReportProblem(file, line, "status=\"" + JUnitXml.shorten(String.valueOf(status))
                    + "\" is not one of PASS, FAIL, SKIP");
        };
        long durationMs = milliseconds(xml.attribute("duration-ms"), file, line);
        String type = null;
        BoundedText message = null;
        BoundedText stack = null;
        BoundedText out = null;
        for (int event = xml.nextTag(); event != XMLStreamConstants.END_ELEMENT; event = xml.nextTag()) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new ReportProblem(file, xml.line(), "the file ends inside <test-method name=\"" + name + "\">");
            }
            switch (xml.name()) {
                case "exception" -> {
                    type = xml.attribute("class");
                    for (int inner = xml.nextTag(); inner != XMLStreamConstants.END_ELEMENT; inner = xml.nextTag()) {
                        if (inner == XMLStreamConstants.END_DOCUMENT) {
                            throw new ReportProblem(file, xml.line(), "the file ends inside <exception>");
                        }
                        switch (xml.name()) {
                            case "message" -> message = xml.text(tests.text());
                            case "full-stacktrace" -> stack = xml.text(tests.text());
                            default -> xml.skip();
                        }
                    }
                }
                case "reporter-output" -> out = xml.text(tests.text());
                default -> xml.skip();
            }
        }
        if (outcome == TestOutcome.PASSED) {
            type = null;
            message = null;
            stack = null;
        }
        if ((message == null || message.isEmpty()) && stack != null && !stack.isEmpty()) {
            message = tests.text().append(stack.firstLine());
        }
        String identifier = className.isEmpty() ? name : className + "#" + name;
        String title = className.isEmpty() ? name : JUnitXml.simpleName(className) + " › " + name;
        tests.add(file, line, identifier, title, outcome, durationMs, type, message, stack, out, null);
    }

    private static long milliseconds(String value, String file, int line) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new ReportProblem(file, line, "duration-ms=\"" + JUnitXml.shorten(value) + "\" is not a number of milliseconds");
        }
    }
}
