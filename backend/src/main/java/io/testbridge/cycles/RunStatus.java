package io.testbridge.cycles;

import java.util.Collection;

/** The result of an attempt at a case (and so of the case in its cycle). */
public enum RunStatus {
    NOT_RUN,
    IN_PROGRESS,
    PASS,
    FAIL,
    BLOCKED,
    NA;

    /**
     * What the steps say, for an attempt whose status was not set by hand: any step failed → FAIL;
     * else any blocked → BLOCKED; none run → NOT_RUN; some not run yet → IN_PROGRESS; all not
     * applicable → NA; else PASS. So a case never passes while one of its steps has not run.
     */
    public static RunStatus of(Collection<StepStatus> steps) {
        if (steps.isEmpty() || steps.stream().allMatch(step -> step == StepStatus.NOT_RUN)) {
            return NOT_RUN;
        }
        if (steps.contains(StepStatus.FAIL)) {
            return FAIL;
        }
        if (steps.contains(StepStatus.BLOCKED)) {
            return BLOCKED;
        }
        if (steps.contains(StepStatus.NOT_RUN)) {
            return IN_PROGRESS;
        }
        return steps.stream().allMatch(step -> step == StepStatus.NA) ? NA : PASS;
    }

    /** Whether the attempt is over (nothing left to run). */
    public boolean finished() {
        return this != NOT_RUN && this != IN_PROGRESS;
    }
}
