package io.testbridge.cycles;

/** What a tester records for a step: its status, what actually happened, and a comment. */
public record StepResult(StepStatus status, String actual, String comment) {
}
