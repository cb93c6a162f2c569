package io.testbridge.automation;

import io.testbridge.shared.Actor;

import java.util.List;

/**
 * One upload of automated results: its report files (spooled to disk, read as streams), the cycle
 * (an existing one by id, or a new one by name), the build and environment, the idempotency key
 * (null: none) and the SHA-256 of the upload's content (files and fields, not multipart framing).
 */
public record ResultUpload(long projectId, List<UploadedFile> files, Long cycleId, String cycleName, String build, String environment,
                           String idempotencyKey, String uploadSha256, Actor actor) {
}
