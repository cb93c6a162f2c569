package io.testbridge.cycles;

/** The result of one step in an attempt. */
public enum StepStatus {
    NOT_RUN,
    PASS,
    FAIL,
    BLOCKED,
    NA
}
