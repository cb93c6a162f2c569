package io.testbridge.jirasim;

import java.time.Instant;

/** A file attached to an issue (POST /issue/{key}/attachments). */
record IssueAttachment(long id, String filename, String mimeType, byte[] content, String authorAccountId, Instant created) {
}
