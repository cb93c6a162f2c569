package io.testbridge.cycles;

import java.util.Locale;

/**
 * What a test tool said of one automated test, and the result it becomes: passed → PASS; failed
 * (an assertion) and error (an unexpected exception) → FAIL, the outcome telling them apart;
 * skipped (disabled, assumption not met, pending) → NOT_RUN.
 */
public enum TestOutcome {
    PASSED(RunStatus.PASS),
    FAILED(RunStatus.FAIL),
    ERROR(RunStatus.FAIL),
    SKIPPED(RunStatus.NOT_RUN);

    private final RunStatus status;

    TestOutcome(RunStatus status) {
        this.status = status;
    }

    public RunStatus status() {
        return status;
    }

    /** How bad it is, to merge two reports of one test: error > failed > passed > skipped. */
    public int severity() {
        return switch (this) {
            case SKIPPED -> 0;
            case PASSED -> 1;
            case FAILED -> 2;
            case ERROR -> 3;
        };
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
