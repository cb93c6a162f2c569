package io.testbridge.testcases;

import java.util.UUID;

/**
 * A save of a case from its editor: the content as the person sees it now, the revision it was
 * loaded or last saved at (a save from an older revision is refused, so nobody overwrites another's
 * edit unknowingly), and the editing session (saves of one session refine one version).
 */
public record CaseSave(long revision, UUID editSession, CaseContent content) {
}
