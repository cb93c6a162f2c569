package io.testbridge.automation;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.cycles.ImportAnswer;
import io.vertx.core.Future;

/**
 * The automation module's door: imports CI results (JUnit XML from Surefire, Gradle, pytest and
 * jest-junit; TestNG XML; Cucumber JSON) into a test cycle. It owns no table: the cases are the
 * testcases module's, the cycle, executions and the idempotency record the cycles module's.
 */
@Door(value = EventAddresses.AUTOMATION, timeoutSeconds = 600)
public interface Automation {
    /**
     * Reads every report of the upload (all or nothing: a problem answers 400 naming the file, line
     * and what is wrong), finds or creates the automated case of each test, and records the results
     * in one transaction. An upload whose idempotency key was seen answers what the first one did.
     */
    Future<ImportAnswer> importResults(ResultUpload upload);
}
