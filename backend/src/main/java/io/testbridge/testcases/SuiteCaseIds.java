package io.testbridge.testcases;

import java.util.List;

/** A suite's project and its cases, in the suite's order. */
public record SuiteCaseIds(long projectId, List<Long> caseIds) {
    public SuiteCaseIds {
        caseIds = List.copyOf(caseIds);
    }
}
