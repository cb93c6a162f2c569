package io.testbridge.automation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.xml.stream.XMLStreamConstants;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads the report files of an upload, each as a stream, whatever its kind: JUnit XML, TestNG XML
 * (told apart by their root element) or Cucumber JSON (an array). Every file is read before
 * anything is written, so a problem anywhere refuses the whole upload.
 */
final class Reports {
    private Reports() {
    }

    /** What the files hold: the tests (one per identifier) and, per file, its kind and how many tests it reported. */
    record Read(List<ParsedTest> tests, JsonArray files) {
    }

    static Read read(List<UploadedFile> files, ReportLimits limits) {
        if (files.isEmpty()) {
            throw new ReportProblem("the upload", -1, "it has no report file");
        }
        if (files.size() > limits.maxFiles()) {
            throw new ReportProblem("the upload", -1, "it has " + files.size() + " files; at most " + limits.maxFiles() + " are read");
        }
        TestCollector tests = new TestCollector(limits);
        JsonArray summary = new JsonArray();
        for (UploadedFile file : files) {
            int before = tests.reported();
            String kind = readOne(file, tests, limits);
            summary.add(new JsonObject().put("name", file.name()).put("format", kind).put("tests", tests.reported() - before));
        }
        return new Read(tests.tests(), summary);
    }

    private static String readOne(UploadedFile file, TestCollector tests, ReportLimits limits) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 64 * 1024)) {
            int first = firstSignificantByte(in);
            if (first == '<') {
                try (XmlReport xml = new XmlReport(file.name(), in, limits)) {
                    if (xml.nextTag() != XMLStreamConstants.START_ELEMENT) {
                        throw new ReportProblem(file.name(), xml.line(), "the file has no root element");
                    }
                    switch (xml.name()) {
                        case "testsuites", "testsuite" -> {
                            JUnitXml.read(xml, file.name(), tests);
                            return "junit";
                        }
                        case "testng-results" -> {
                            TestNgXml.read(xml, file.name(), tests);
                            return "testng";
                        }
                        default -> throw new ReportProblem(file.name(), xml.line(), "the root element <" + JUnitXml.shorten(xml.name())
                                + "> is not a JUnit (<testsuites>, <testsuite>) or TestNG (<testng-results>) report");
                    }
                }
            }
            if (first == '[') {
                CucumberJson.read(in, file.name(), tests, limits);
                return "cucumber";
            }
            if (first == '{') {
                throw new ReportProblem(file.name(), 1, "a JSON object: a Cucumber JSON report is an array of features");
            }
            throw new ReportProblem(file.name(), 1, first < 0 ? "the file is empty"
                    : "neither XML (a JUnit or TestNG report) nor JSON (a Cucumber report)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first byte that is not white space or a UTF-8 byte order mark; the stream is left before it. */
    private static int firstSignificantByte(InputStream in) throws IOException {
        for (int skipped = 0; skipped < 64 * 1024 - 1; skipped++) {
            in.mark(2);
            int b = in.read();
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
                continue;
            }
            in.reset();
            return b;
        }
        return -2;
    }
}
