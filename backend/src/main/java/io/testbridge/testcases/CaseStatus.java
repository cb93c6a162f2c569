package io.testbridge.testcases;

/** Where a case is in its life: being written, ready to run, or kept only for its history. */
public enum CaseStatus {
    DRAFT,
    READY,
    DEPRECATED
}
