package io.testbridge.automation;

/**
 * How much of a report an import takes. Names and class names longer than {@code maxNameChars}
 * refuse the upload (a test's identity cannot be cut); failure messages, stack traces and output
 * keep their first {@code detailChars} characters each, and the whole upload keeps at most
 * {@code detailBudgetChars} of them (then {@value #SHORT_DETAIL} each), so 100,000 failing tests
 * with megabytes of output each still fit a small heap.
 */
public record ReportLimits(int maxTests, int maxDepth, int maxNameChars, int detailChars, long detailBudgetChars, int maxFiles) {
    static final int SHORT_DETAIL = 512;

    public static final ReportLimits DEFAULT = new ReportLimits(100_000, 64, 1_000, 8 * 1024, 16L * 1024 * 1024, 100);
}
