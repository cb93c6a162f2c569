package io.testbridge.automation;

/** What is wrong with a report, and where: the file and, when known, the line. */
final class ReportProblem extends RuntimeException {
    private final String file;
    private final int line;

    ReportProblem(String file, int line, String what) {
        super(what, null, false, false);
        this.file = file;
        this.line = line;
    }

    String file() {
        return file;
    }

    /** "results.xml, line 12: …" */
    String describe() {
        return file + (line > 0 ? ", line " + line : "") + ": " + getMessage();
    }
}
