package io.testbridge.testcases;

/** A case as a cycle runs it: its key and title at the pinned version, which never changes again. */
public record PinnedCase(long caseId, String key, String title, int version, int stepCount) {
}
