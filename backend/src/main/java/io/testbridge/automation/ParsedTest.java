package io.testbridge.automation;

import io.testbridge.cycles.TestOutcome;

/** One test as a report tells it: identifier (class or suite, and name), title, outcome, duration and the bounded details of its failure. */
record ParsedTest(String identifier, String title, TestOutcome outcome, long durationMs, String failureType, String failureMessage,
                  String stackTrace, String systemOut, String systemErr) {

    /**
     * The same test reported twice in one upload (a data provider's rows, an outline's examples,
     * two report files): one result, the worse outcome with its details, the durations added.
     */
    ParsedTest merge(ParsedTest other) {
        ParsedTest worse = other.outcome.severity() > outcome.severity() ? other : this;
        return new ParsedTest(identifier, title, worse.outcome, durationMs + other.durationMs, worse.failureType, worse.failureMessage,
                worse.stackTrace, worse.systemOut, worse.systemErr);
    }
}
