package io.testbridge.cycles;

import io.testbridge.testcases.CaseQuery;

import java.util.List;

/** Which cases to add to a cycle: these ids, a suite's cases, or what a filter of the repository finds. */
public record CasesToAdd(List<Long> caseIds, Long suiteId, CaseQuery filter) {
    public CasesToAdd {
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
}
