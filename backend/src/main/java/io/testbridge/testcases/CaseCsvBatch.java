package io.testbridge.testcases;

/** Part of a CSV export: its text, and the case number to continue after (null after the last case). */
public record CaseCsvBatch(String text, Integer nextAfter) {
}
