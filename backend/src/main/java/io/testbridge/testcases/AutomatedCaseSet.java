package io.testbridge.testcases;

import java.util.List;

/** The automated cases of an import, in the order asked, each pinned at its current version; how many were new. */
public record AutomatedCaseSet(List<PinnedCase> cases, int created) {
}
