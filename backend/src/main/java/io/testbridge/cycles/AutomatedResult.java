package io.testbridge.cycles;

import io.testbridge.testcases.PinnedCase;

/**
 * One automated test's result to record: its case (pinned), the outcome, the duration, and the
 * failure's type, message and a bounded part of its stack trace and output (null when none).
 */
public record AutomatedResult(PinnedCase testCase, TestOutcome outcome, long durationMs, String failureType, String failureMessage,
                              String stackTrace, String systemOut, String systemErr) {
}
