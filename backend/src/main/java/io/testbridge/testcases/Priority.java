package io.testbridge.testcases;

/** How much a case matters, most first. */
public enum Priority {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
