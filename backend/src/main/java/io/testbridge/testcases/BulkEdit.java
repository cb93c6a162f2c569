package io.testbridge.testcases;

import java.util.List;

/**
 * One change to many cases: each field given (non-null) is set on every case; labels are added and
 * removed; {@code clearOwner} and {@code toTopLevel} say "none" where null means "leave as it is".
 * Each case changed gets a new version.
 */
public record BulkEdit(List<Long> caseIds, CaseStatus status, Priority priority, List<String> addLabels, List<String> removeLabels,
                       Long ownerId, boolean clearOwner, Long folderId, boolean toTopLevel) {
    public BulkEdit {
        caseIds = List.copyOf(caseIds);
        addLabels = addLabels == null ? List.of() : List.copyOf(addLabels);
        removeLabels = removeLabels == null ? List.of() : List.copyOf(removeLabels);
    }
}
